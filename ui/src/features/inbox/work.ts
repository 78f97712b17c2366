// Pure inbox logic: how pushed messages change "my work", keyboard shortcuts, selection and source links.
import type { WorkItem } from '../../shared/api/types';

export type OfferPayload = Partial<WorkItem> & { taskId?: string };

/** A pushed offer or assignment, merged into my work at once (before the REST re-read confirms it). */
export function applyPush(items: WorkItem[] | undefined, type: string, payload: OfferPayload): WorkItem[] | undefined {
  const id = payload.taskId ?? payload.id;
  if (!id) return items;
  const list = items ?? [];
  if (type === 'offer' || type === 'assigned') {
    const item = {
      ...list.find((i) => i.id === id),
      ...payload,
      id,
      state: type === 'offer' ? 'OFFERED' : 'ASSIGNED',
      title: payload.title ?? '',
      type: payload.type ?? '',
      sourceSystem: payload.sourceSystem ?? list.find((i) => i.id === id)?.sourceSystem ?? '',
      externalId: payload.externalId ?? list.find((i) => i.id === id)?.externalId ?? '',
      version: payload.version ?? 0,
    } as WorkItem;
    return [...list.filter((i) => i.id !== id), item];
  }
  if (type === 'offer-expired') {
    return list.filter((i) => i.id !== id);
  }
  return items;
}

export const offers = (items: WorkItem[] = []) =>
  items.filter((i) => i.state === 'OFFERED').sort((a, b) => (a.offerExpiresAt ?? '').localeCompare(b.offerExpiresAt ?? ''));

/** Assigned work, the most urgent first (earliest due time; no due time last). */
export const assigned = (items: WorkItem[] = []) =>
  items
    .filter((i) => i.state === 'ASSIGNED')
    .sort((a, b) => (a.dueTime ?? '\uffff').localeCompare(b.dueTime ?? '\uffff') || a.id.localeCompare(b.id));

export type Shortcut = 'accept' | 'reject' | 'next' | 'down' | 'up' | 'complete';

/** Maps a key press to an inbox shortcut, unless the user is typing or holds a modifier. */
export function shortcutFor(e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; target?: unknown }): Shortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const target = e.target as { tagName?: string; isContentEditable?: boolean } | null;
  const tag = target?.tagName?.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable) return null;
  switch (e.key.toLowerCase()) {
    case 'a':
      return 'accept';
    case 'r':
      return 'reject';
    case 'n':
      return 'next';
    case 'j':
    case 'arrowdown':
      return 'down';
    case 'k':
    case 'arrowup':
      return 'up';
    case 'c':
      return 'complete';
    default:
      return null;
  }
}

export function moveSelection(ids: string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current ? ids.indexOf(current) : -1;
  if (at < 0) return step === 1 ? ids[0] : ids[ids.length - 1];
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))];
}

const LINK_KEYS = ['url', 'sourceUrl', 'link', 'recordUrl', 'href'];

/** The link to the task's record in its source system, when an attribute holds an http(s) URL. */
export function sourceLink(attributes?: Record<string, unknown>): string | null {
  if (!attributes) return null;
  for (const key of LINK_KEYS) {
    const value = attributes[key];
    if (typeof value === 'string' && /^https?:\/\//i.test(value)) return value;
  }
  return null;
}
