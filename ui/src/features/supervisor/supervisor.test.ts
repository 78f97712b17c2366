import { describe, expect, it } from 'vitest';
import { linePath, linearScale, niceMax } from './chart';
import { pageState, toggle, togglePage } from './selection';
import { taskQuery } from './api';

describe('task list selection', () => {
  it('toggles one row', () => {
    expect([...toggle(new Set(), 'a')]).toEqual(['a']);
    expect([...toggle(new Set(['a']), 'a')]).toEqual([]);
  });
  it('selects the whole page, and clears it when all are selected, keeping other pages', () => {
    const some = togglePage(new Set(['x', 'a']), ['a', 'b']);
    expect([...some].sort()).toEqual(['a', 'b', 'x']);
    expect([...togglePage(some, ['a', 'b'])]).toEqual(['x']);
  });
  it('tells none, some or all for the header checkbox', () => {
    expect(pageState(new Set(), ['a', 'b'])).toBe('none');
    expect(pageState(new Set(['a']), ['a', 'b'])).toBe('some');
    expect(pageState(new Set(['a', 'b']), ['a', 'b'])).toBe('all');
  });
});

describe('filters become the server query', () => {
  const filter = { q: 'water', state: 'open', department: 'claims', page: 2, size: 25 };
  it('sends every open state for "open", with paging and sort', () => {
    const q = new URLSearchParams(taskQuery(filter).slice(1));
    expect(q.getAll('state')).toEqual(['SCHEDULED', 'QUEUED', 'OFFERED', 'ASSIGNED', 'HELD', 'ERROR_HELD']);
    expect(q.get('q')).toBe('water');
    expect(q.get('page')).toBe('2');
    expect(q.get('sort')).toBe('capturedAt,desc');
  });
  it('exports the same filter without paging', () => {
    const q = new URLSearchParams(taskQuery({ ...filter, state: 'any', q: '' }, false).slice(1));
    expect(q.has('state')).toBe(false);
    expect(q.has('page')).toBe(false);
    expect(q.has('q')).toBe(false);
    expect(q.get('department')).toBe('claims');
  });
});

describe('charts', () => {
  it('maps values linearly, also for an empty domain', () => {
    const x = linearScale([0, 10], [0, 100]);
    expect(x(5)).toBe(50);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(0);
  });
  it('draws the line in x order', () => {
    expect(linePath([{ x: 2, y: 1 }, { x: 1, y: 2 }])).toBe('M1.0,2.0 L2.0,1.0');
    expect(linePath([])).toBe('');
  });
  it('rounds axis maxima to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(17)).toBe(20);
    expect(niceMax(420)).toBe(500);
  });
});
