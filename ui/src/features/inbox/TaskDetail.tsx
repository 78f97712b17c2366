import { t, tOr } from '../../i18n';
import type { WorkItem } from '../../shared/api/types';
import { SlaBadge } from '../../shared/ui/SlaBadge';
import { formatDateTime } from '../../shared/time';
import { useTimeline } from './api';
import { sourceLink } from './work';

export type DetailAction = 'complete' | 'return' | 'transfer' | 'defer';

/** Everything about one task I hold: fields, attributes, customer, history, a link to the source record, actions. */
export function TaskDetail({ task, now, onAction }: { task: WorkItem | null; now: number; onAction: (a: DetailAction) => void }) {
  const timeline = useTimeline(task?.id ?? null);
  if (!task) {
    return (
      <section className="detail empty" aria-label={t('detail.heading')}>
        <p>{t('detail.none')}</p>
      </section>
    );
  }
  const link = sourceLink(task.attributes);
  const attributes = Object.entries(task.attributes ?? {});
  return (
    <section className="detail" aria-labelledby="detail-heading" data-testid="detail">
      <h2 id="detail-heading">{task.title}</h2>
      <p>
        <SlaBadge now={now} dueTime={task.dueTime} slaWarningAt={task.slaWarningAt} />
        {link && (
          <>
            {' · '}
            <a href={link} target="_blank" rel="noopener noreferrer">
              {t('detail.openSource', { source: task.sourceSystem })}
            </a>
          </>
        )}
      </p>
      {task.state === 'ASSIGNED' && (
        <div className="buttons" role="group" aria-label={t('detail.heading')}>
          <button type="button" className="primary" onClick={() => onAction('complete')}>
            {t('action.complete')}
          </button>
          <button type="button" onClick={() => onAction('return')}>
            {t('action.return')}
          </button>
          <button type="button" onClick={() => onAction('transfer')}>
            {t('action.transfer')}
          </button>
          <button type="button" onClick={() => onAction('defer')}>
            {t('action.defer')}
          </button>
        </div>
      )}
      <div className="columns">
        <div>
          <h3>{t('detail.fields')}</h3>
          <dl className="facts">
            <dt>{t('field.type')}</dt>
            <dd>{task.type}</dd>
            <dt>{t('field.state')}</dt>
            <dd>{tOr(`state.${task.state}`, task.state)}</dd>
            <dt>{t('field.source')}</dt>
            <dd>
              {task.sourceSystem} / {task.externalId}
            </dd>
            {task.department && (
              <>
                <dt>{t('field.department')}</dt>
                <dd>{task.department}</dd>
              </>
            )}
            {task.routingProfile && (
              <>
                <dt>{t('field.queue')}</dt>
                <dd>{task.routingProfile}</dd>
              </>
            )}
            {task.businessValue !== undefined && (
              <>
                <dt>{t('field.businessValue')}</dt>
                <dd>{task.businessValue}</dd>
              </>
            )}
            {task.dueTime && (
              <>
                <dt>{t('field.dueTime')}</dt>
                <dd>{formatDateTime(task.dueTime)}</dd>
              </>
            )}
            {task.slaWarningAt && (
              <>
                <dt>{t('field.slaWarningAt')}</dt>
                <dd>{formatDateTime(task.slaWarningAt)}</dd>
              </>
            )}
          </dl>
          {task.description && (
            <>
              <h3>{t('field.description')}</h3>
              <p className="description">{task.description}</p>
            </>
          )}
          <h3>{t('detail.customer')}</h3>
          <dl className="facts">
            <dt>{t('field.customerId')}</dt>
            <dd>{task.customerId ?? '–'}</dd>
            <dt>{t('field.customerSegment')}</dt>
            <dd>{task.customerSegment ?? '–'}</dd>
          </dl>
          <h3>{t('detail.attributes')}</h3>
          {attributes.length === 0 ? (
            <p className="quiet">{t('detail.noAttributes')}</p>
          ) : (
            <dl className="facts">
              {attributes.map(([k, v]) => (
                <div key={k} className="pair">
                  <dt>{k}</dt>
                  <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
        <div>
          <h3>{t('detail.history')}</h3>
          <ol className="timeline">
            {timeline.data?.map((entry) => (
              <li key={entry.seq}>
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>{' '}
                <strong>{tOr(`history.${entry.action}`, t('history.other', { action: entry.action }))}</strong>{' '}
                <span className="quiet">{t('history.by', { actor: entry.actor })}</span>
                {entry.reason && <div className="quiet">{entry.reason}</div>}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
