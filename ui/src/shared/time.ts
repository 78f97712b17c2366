import { t } from '../i18n';

/** "1h 05m", "4m 09s", "12s": compact enough for tiles and countdowns. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

export type SlaState = 'none' | 'ok' | 'atRisk' | 'overdue';

/** The SLA state of a task at a moment: overdue after the due time, at risk inside the warning window. */
export function slaState(now: number, dueTime?: string | null, slaWarningAt?: string | null): SlaState {
  if (!dueTime) return 'none';
  const due = Date.parse(dueTime);
  if (now >= due) return 'overdue';
  if (slaWarningAt && now >= Date.parse(slaWarningAt)) return 'atRisk';
  return 'ok';
}

export function slaText(now: number, dueTime?: string | null, slaWarningAt?: string | null): string {
  const state = slaState(now, dueTime, slaWarningAt);
  if (state === 'none' || !dueTime) return t('sla.none');
  const left = Date.parse(dueTime) - now;
  return state === 'overdue'
    ? `${t('sla.overdue')}: ${t('sla.overdueBy', { time: formatDuration(left) })}`
    : `${t(state === 'atRisk' ? 'sla.atRisk' : 'sla.ok')}: ${t('sla.dueIn', { time: formatDuration(left) })}`;
}

/** Milliseconds left until a deadline (never negative), or null without a deadline. */
export function remaining(now: number, deadline?: string | null): number | null {
  if (!deadline) return null;
  return Math.max(0, Date.parse(deadline) - now);
}

/** Share of the countdown left, 0..1, for a progress bar. */
export function fractionLeft(now: number, start: number, deadline?: string | null): number {
  if (!deadline) return 0;
  const end = Date.parse(deadline);
  if (end <= start) return 0;
  return Math.min(1, Math.max(0, (end - now) / (end - start)));
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(iso?: string | null): string {
  return iso ? timeFormat.format(new Date(iso)) : '';
}

export function formatDateTime(iso?: string | null): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '';
}
