import { useState } from 'react';
import { t, tOr } from '../../i18n';
import type { PresenceState } from '../../shared/api/types';
import { errorText } from '../../shared/errors';
import { SlaBadge } from '../../shared/ui/SlaBadge';
import { formatDuration } from '../../shared/time';
import { useReasons } from '../inbox/api';
import { usePeople, useSupervisorAction } from './api';

/** Who is there, in which state, for how long, how full, with which tasks; force presence and pull back. */
export function PeopleBoard({ now }: { now: number }) {
  const people = usePeople();
  const reasons = useReasons();
  const action = useSupervisorAction();
  const [message, setMessage] = useState<string | null>(null);
  const force = (id: string, value: string) => {
    if (!value) return;
    const [state, reason] = value.split(':') as [PresenceState, string | undefined];
    action.mutate({ path: `/api/v1/employees/${id}/presence`, method: 'PUT', body: reason ? { state, reason } : { state } });
  };
  const pullBack = (id: string) =>
    action.mutate(
      { path: `/api/v1/employees/${id}/pull-back` },
      { onSuccess: (r) => setMessage(t('sup.people.pulledBack', { count: Array.isArray(r) ? r.length : 0 })) },
    );
  return (
    <section aria-labelledby="people-heading" className="people">
      <h2 id="people-heading">{t('sup.people.heading')}</h2>
      {message && <p role="status">{message}</p>}
      {action.error && (
        <p role="alert" className="error">
          {errorText(action.error)}
        </p>
      )}
      <table data-testid="people">
        <thead>
          <tr>
            <th scope="col">{t('sup.people.name')}</th>
            <th scope="col">{t('sup.people.presence')}</th>
            <th scope="col">{t('sup.people.inState')}</th>
            <th scope="col">{t('sup.people.capacity')}</th>
            <th scope="col">{t('sup.people.tasks')}</th>
            <th scope="col">{t('sup.people.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {people.data?.map((p) => (
            <tr key={p.id} data-employee={p.id}>
              <th scope="row">
                {p.displayName} <span className="quiet">({p.id}{p.team ? `, ${p.team}` : ''})</span>
              </th>
              <td>
                <span className={`pill presence-${p.presence}`}>{t(`presence.${p.presence}`)}</span>
                {p.reason && <span className="quiet"> {tOr(`reason.${p.reason}`, p.reason)}</span>}
              </td>
              <td>{p.presenceSince ? formatDuration(now - Date.parse(p.presenceSince)) : ''}</td>
              <td>
                <meter min={0} max={Math.max(1, p.totalCapacity)} value={p.load} aria-label={t('sup.people.capacity')} />{' '}
                {p.load}/{p.totalCapacity}
              </td>
              <td>
                <ul className="plain">
                  {p.tasks.map((task) => (
                    <li key={task.id}>
                      {task.title} <span className="quiet">{tOr(`state.${task.state}`, task.state)}</span>{' '}
                      <SlaBadge now={now} dueTime={task.dueTime} slaWarningAt={task.slaWarningAt} />
                    </li>
                  ))}
                </ul>
              </td>
              <td className="actions">
                <select
                  aria-label={t('sup.people.force', { name: p.displayName })}
                  value=""
                  onChange={(e) => force(p.id, e.target.value)}
                >
                  <option value="">{t('sup.people.setPresence')}</option>
                  <option value="READY">{t('presence.READY')}</option>
                  {reasons.data?.reasons.map((r) => (
                    <option key={r} value={`NOT_READY:${r}`}>
                      {t('presence.NOT_READY')}: {tOr(`reason.${r}`, r)}
                    </option>
                  ))}
                  <option value="OFFLINE">{t('presence.OFFLINE')}</option>
                </select>{' '}
                <button type="button" onClick={() => pullBack(p.id)} disabled={p.load === 0}>
                  {t('sup.people.pullBack')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {people.data?.length === 0 && <p className="quiet">{t('sup.people.empty')}</p>}
    </section>
  );
}
