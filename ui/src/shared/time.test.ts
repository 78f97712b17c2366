import { describe, expect, it } from 'vitest';
import { formatDuration, fractionLeft, remaining, slaState, slaText } from './time';

const at = (iso: string) => Date.parse(iso);

describe('SLA state', () => {
  const due = '2026-03-02T12:00:00Z';
  const warning = '2026-03-02T11:00:00Z';

  it('is on time before the warning window', () => {
    expect(slaState(at('2026-03-02T10:59:59Z'), due, warning)).toBe('ok');
  });
  it('is at risk from the warning time until the due time', () => {
    expect(slaState(at('2026-03-02T11:00:00Z'), due, warning)).toBe('atRisk');
    expect(slaState(at('2026-03-02T11:59:59Z'), due, warning)).toBe('atRisk');
  });
  it('is overdue from the due time on', () => {
    expect(slaState(at('2026-03-02T12:00:00Z'), due, warning)).toBe('overdue');
  });
  it('has no state without a due time', () => {
    expect(slaState(at('2026-03-02T12:00:00Z'), undefined, warning)).toBe('none');
  });
  it('without a warning time is on time until due', () => {
    expect(slaState(at('2026-03-02T11:59:00Z'), due, null)).toBe('ok');
  });
  it('says how long is left or how late it is', () => {
    expect(slaText(at('2026-03-02T11:30:00Z'), due, warning)).toBe('At risk: due in 30m 00s');
    expect(slaText(at('2026-03-02T13:05:00Z'), due, warning)).toBe('Overdue: overdue by 1h 05m');
  });
});

describe('countdowns', () => {
  it('formats seconds, minutes, hours and days compactly', () => {
    expect(formatDuration(9_400)).toBe('9s');
    expect(formatDuration(249_000)).toBe('4m 09s');
    expect(formatDuration(3_900_000)).toBe('1h 05m');
    expect(formatDuration(90_000_000)).toBe('1d 1h');
  });
  it('never counts below zero', () => {
    expect(remaining(at('2026-03-02T12:00:10Z'), '2026-03-02T12:00:00Z')).toBe(0);
    expect(remaining(at('2026-03-02T11:59:50Z'), '2026-03-02T12:00:00Z')).toBe(10_000);
    expect(remaining(0, undefined)).toBeNull();
  });
  it('shows the share of the accept time that is left', () => {
    const start = at('2026-03-02T12:00:00Z');
    expect(fractionLeft(start, start, '2026-03-02T12:00:30Z')).toBe(1);
    expect(fractionLeft(at('2026-03-02T12:00:15Z'), start, '2026-03-02T12:00:30Z')).toBe(0.5);
    expect(fractionLeft(at('2026-03-02T12:01:00Z'), start, '2026-03-02T12:00:30Z')).toBe(0);
  });
});
