import { en, type MessageKey } from './en';

export type { MessageKey };

const messages: Record<string, string> = en;

/** Looks up a message and fills its {placeholders}. Unknown keys show the key, so a missing string is visible. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = messages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** For keys built at run time (reason codes, states): falls back to the raw code. */
export function tOr(key: string, fallback: string, params: Record<string, string | number> = {}): string {
  return key in messages ? t(key as MessageKey, params) : fallback;
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

export { en };
