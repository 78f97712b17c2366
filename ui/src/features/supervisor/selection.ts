// Row selection of the task list: a set of ids that survives paging, toggled per row or per page.

export function toggle(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function togglePage(selected: ReadonlySet<string>, pageIds: string[]): Set<string> {
  const next = new Set(selected);
  const all = pageIds.length > 0 && pageIds.every((id) => next.has(id));
  pageIds.forEach((id) => (all ? next.delete(id) : next.add(id)));
  return next;
}

export function pageState(selected: ReadonlySet<string>, pageIds: string[]): 'none' | 'some' | 'all' {
  const count = pageIds.filter((id) => selected.has(id)).length;
  return count === 0 ? 'none' : count === pageIds.length ? 'all' : 'some';
}
