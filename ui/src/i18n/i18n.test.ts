import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, placeholders, t } from './index';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\./.test(name) ? [path] : [];
  });
}

const root = join(__dirname, '..');

describe('English strings', () => {
  it('fills placeholders and shows unknown ones as they are', () => {
    expect(t('nav.signedInAs', { user: 'ann' })).toBe('Signed in as ann');
    expect(t('nav.signedInAs')).toBe('Signed in as {user}');
  });

  it('has every key that the code uses literally', () => {
    const used = new Set<string>();
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\('([\w.-]+)'/g)) used.add(match[1]);
    }
    const missing = [...used].filter((key) => !(key in en));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });

  it('has a label for every presence state, task state and reason code the API knows', () => {
    const spec = JSON.parse(readFileSync(join(root, '..', '..', 'docs', 'openapi.json'), 'utf8'));
    const presence: string[] = spec.components.schemas.EmployeeResponse.properties.presence.enum;
    for (const state of presence) expect(en).toHaveProperty([`presence.${state}`]);
    for (const state of ['SCHEDULED', 'QUEUED', 'OFFERED', 'ASSIGNED', 'HELD', 'ERROR_HELD', 'COMPLETED', 'CANCELED', 'REJECTED']) {
      expect(en).toHaveProperty([`state.${state}`]);
    }
    for (const reason of ['break', 'lunch', 'meeting', 'training', 'coaching', 'missed-offer', 'after-call-work', 'other']) {
      expect(en).toHaveProperty([`reason.${reason}`]);
    }
  });

  it('keeps no UI text outside the message file', () => {
    // JSX text nodes of three or more letters that are not inside braces are hard-coded strings
    const offenders: string[] = [];
    for (const file of sources(root)) {
      if (!file.endsWith('.tsx')) continue;
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?<![=-])>\s*([A-Za-z][A-Za-z ,.'!?]{2,})\s*</g)) offenders.push(`${file}: ${match[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('uses placeholders that are well formed', () => {
    for (const [key, value] of Object.entries(en)) {
      expect(value.split('{').length, key).toBe(value.split('}').length);
      expect(placeholders(value).every((p) => /^\w+$/.test(p)), key).toBe(true);
    }
  });
});
