import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../../shared/api/types';
import { applyPush, assigned, moveSelection, offers, shortcutFor, sourceLink } from './work';

const item = (id: string, state: string, extra: Partial<WorkItem> = {}): WorkItem => ({
  id,
  state,
  title: id,
  type: 'claim',
  sourceSystem: 'crm',
  externalId: id,
  version: 0,
  ...extra,
});

describe('pushed messages change my work at once', () => {
  it('adds an offer with its key facts', () => {
    const list = applyPush([], 'offer', { taskId: 't1', title: 'Water', offerExpiresAt: '2026-03-02T12:00:30Z' });
    expect(list).toHaveLength(1);
    expect(list![0]).toMatchObject({ id: 't1', state: 'OFFERED', title: 'Water' });
  });
  it('turns an offer into an assignment without duplicating it', () => {
    const list = applyPush([item('t1', 'OFFERED')], 'assigned', { taskId: 't1', title: 't1' });
    expect(list).toEqual([expect.objectContaining({ id: 't1', state: 'ASSIGNED' })]);
  });
  it('removes an expired offer', () => {
    expect(applyPush([item('t1', 'OFFERED'), item('t2', 'ASSIGNED')], 'offer-expired', { taskId: 't1' })).toEqual([
      item('t2', 'ASSIGNED'),
    ]);
  });
  it('ignores messages it does not know and messages without a task', () => {
    const list = [item('t1', 'ASSIGNED')];
    expect(applyPush(list, 'presence', { taskId: 't1' })).toBe(list);
    expect(applyPush(list, 'offer', {})).toBe(list);
  });
});

describe('ordering', () => {
  it('shows the offer that expires first first', () => {
    const list = [
      item('late', 'OFFERED', { offerExpiresAt: '2026-03-02T12:01:00Z' }),
      item('soon', 'OFFERED', { offerExpiresAt: '2026-03-02T12:00:10Z' }),
      item('mine', 'ASSIGNED'),
    ];
    expect(offers(list).map((i) => i.id)).toEqual(['soon', 'late']);
  });
  it('lists my tasks by due time, those without one last', () => {
    const list = [
      item('none', 'ASSIGNED'),
      item('later', 'ASSIGNED', { dueTime: '2026-03-03T00:00:00Z' }),
      item('first', 'ASSIGNED', { dueTime: '2026-03-02T00:00:00Z' }),
    ];
    expect(assigned(list).map((i) => i.id)).toEqual(['first', 'later', 'none']);
  });
});

describe('keyboard shortcuts', () => {
  it('maps A, R, N, C, J and K', () => {
    expect(shortcutFor({ key: 'a' })).toBe('accept');
    expect(shortcutFor({ key: 'R' })).toBe('reject');
    expect(shortcutFor({ key: 'n' })).toBe('next');
    expect(shortcutFor({ key: 'c' })).toBe('complete');
    expect(shortcutFor({ key: 'j' })).toBe('down');
    expect(shortcutFor({ key: 'ArrowUp' })).toBe('up');
  });
  it('stays out of the way while typing or with modifiers', () => {
    expect(shortcutFor({ key: 'a', target: { tagName: 'INPUT' } })).toBeNull();
    expect(shortcutFor({ key: 'a', target: { tagName: 'TEXTAREA' } })).toBeNull();
    expect(shortcutFor({ key: 'a', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: 'x' })).toBeNull();
  });
  it('moves the selection within bounds', () => {
    expect(moveSelection(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(moveSelection(['a', 'b', 'c'], null, -1)).toBe('c');
    expect(moveSelection(['a', 'b', 'c'], 'b', 1)).toBe('c');
    expect(moveSelection(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(moveSelection(['a', 'b', 'c'], 'a', -1)).toBe('a');
    expect(moveSelection([], 'a', 1)).toBeNull();
  });
});

describe('source record link', () => {
  it('takes the first http(s) URL attribute', () => {
    expect(sourceLink({ amount: 1, url: 'https://crm.example.org/cases/1' })).toBe('https://crm.example.org/cases/1');
    expect(sourceLink({ sourceUrl: 'http://erp/x' })).toBe('http://erp/x');
  });
  it('refuses other schemes', () => {
    expect(sourceLink({ url: 'javascript:alert(1)' })).toBeNull();
    expect(sourceLink(undefined)).toBeNull();
  });
});
