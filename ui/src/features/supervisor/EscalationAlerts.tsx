import { useState } from 'react';
import { t, tOr } from '../../i18n';
import { useLiveMessages } from '../../shared/live/LiveProvider';
import { addAlert, toAlert, type EscalationAlert } from './alerts';

/**
 * The escalation steps of the last minutes (SLA warning, breach, supervisor review), as the escalation processes push
 * them. Best effort like every push: the task's history keeps every step for good.
 */
export function EscalationAlerts() {
  const [alerts, setAlerts] = useState<EscalationAlert[]>([]);
  useLiveMessages((message) => {
    if (message.type !== 'escalation') return;
    const alert = toAlert(message.payload);
    if (alert) setAlerts((current) => addAlert(current, alert));
  });
  return (
    <section className="alerts" aria-labelledby="alerts-heading" data-testid="escalation-alerts">
      <h2 id="alerts-heading">{t('sup.alerts.heading')}</h2>
      {alerts.length === 0 ? (
        <p className="quiet">{t('sup.alerts.none')}</p>
      ) : (
        <ul aria-live="polite">
          {alerts.map((a) => (
            <li key={`${a.taskId}-${a.stage}-${a.activityId ?? ''}`} className={`alert alert-${a.stage}`}>
              <strong>{tOr(`sup.alerts.stage.${a.stage}`, a.stage)}</strong>{' '}
              <span>{a.title ?? a.taskId}</span>
              {a.department && <span className="quiet"> · {a.department}</span>}
              {a.message && <span className="quiet"> · {a.message}</span>}{' '}
              <time dateTime={a.at}>{new Date(a.at).toLocaleTimeString()}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
