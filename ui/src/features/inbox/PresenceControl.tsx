import { useState } from 'react';
import { t, tOr } from '../../i18n';
import type { Employee, PresenceState } from '../../shared/api/types';
import { errorText } from '../../shared/errors';
import { formatDuration } from '../../shared/time';
import { prepareAlerts } from './alert';
import { useReasons, useSetPresence } from './api';

/** Ready / Not ready with a reason / Offline: always visible at the top of the inbox. */
export function PresenceControl({ me, now }: { me: Employee; now: number }) {
  const reasons = useReasons();
  const setPresence = useSetPresence();
  const [reason, setReason] = useState('');
  const change = (state: PresenceState, why?: string) => {
    prepareAlerts();
    setPresence.mutate(why ? { state, reason: why } : { state });
  };
  const since = me.presenceSince ? formatDuration(now - Date.parse(me.presenceSince)) : '';
  return (
    <section className={`presence presence-${me.presence}`} aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="inline">
        {t('presence.label')}:
      </h2>{' '}
      <strong data-testid="presence-state">
        {t(`presence.${me.presence}`)}
        {me.presence === 'NOT_READY' && me.reason ? ` (${tOr(`reason.${me.reason}`, me.reason)})` : ''}
      </strong>{' '}
      <span className="quiet">{t('presence.since', { time: since })}</span>
      <div className="presence-buttons" role="group" aria-label={t('presence.label')}>
        <button type="button" className="ready" aria-pressed={me.presence === 'READY'} onClick={() => change('READY')}>
          {t('presence.READY')}
        </button>
        <label className="reason">
          <span className="sr-only">{t('presence.reason')}</span>
          <select value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('presence.reason')}>
            <option value="">{t('presence.chooseReason')}</option>
            {reasons.data?.reasons
              .filter((r) => r !== 'missed-offer')
              .map((r) => (
                <option key={r} value={r}>
                  {tOr(`reason.${r}`, r)}
                </option>
              ))}
          </select>
        </label>
        <button
          type="button"
          aria-pressed={me.presence === 'NOT_READY'}
          disabled={!reason}
          onClick={() => change('NOT_READY', reason)}
        >
          {t('presence.NOT_READY')}
        </button>
        <button type="button" aria-pressed={me.presence === 'OFFLINE'} onClick={() => change('OFFLINE')}>
          {t('presence.OFFLINE')}
        </button>
      </div>
      {setPresence.error && (
        <p role="alert" className="error">
          {errorText(setPresence.error)}
        </p>
      )}
    </section>
  );
}
