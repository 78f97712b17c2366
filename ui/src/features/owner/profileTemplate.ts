import type { RoutingProfileDefinition } from '../../shared/api/types';

/** A complete, valid starting point for a new routing profile (see docs/process-owner-guide.md). */
export function newProfile(name: string): RoutingProfileDefinition {
  return {
    name,
    description: '',
    calendar: '24x7',
    sla: { duration: 'PT8H', warningBefore: 'PT1H' },
    priority: { start: 10, increment: 1, interval: 'PT10M', max: 100, valueWeight: 0 },
    targets: [{ skills: '*' }],
    channel: 'case',
    offerTimeout: 'PT30S',
    autoAccept: false,
  } as RoutingProfileDefinition;
}

/** Parses the editor text; the server validates the content and names the offending fields. */
export function parseDefinition(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
