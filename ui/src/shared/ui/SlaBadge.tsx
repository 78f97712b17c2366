import { t } from '../../i18n';
import { slaState, slaText } from '../time';

export function SlaBadge({ now, dueTime, slaWarningAt }: { now: number; dueTime?: string; slaWarningAt?: string }) {
  const state = slaState(now, dueTime, slaWarningAt);
  const label = state === 'none' ? t('sla.none') : t(`sla.${state}`);
  return (
    <span className={`sla sla-${state}`} title={slaText(now, dueTime, slaWarningAt)}>
      <span aria-hidden="true">{state === 'overdue' ? '▲' : state === 'atRisk' ? '◆' : state === 'ok' ? '●' : '○'}</span>{' '}
      {state === 'none' ? label : slaText(now, dueTime, slaWarningAt)}
    </span>
  );
}
