import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { csrfToken, query } from './client';

const docs = join(__dirname, '..', '..', '..', '..', 'docs', 'openapi.json');

describe('typed client', () => {
  it('is generated from the current docs/openapi.json (run npm run gen:api after the API changed)', async () => {
    const spec = JSON.parse(readFileSync(docs, 'utf8'));
    const generated = astToString(await openapiTS(spec));
    const committed = readFileSync(join(__dirname, 'schema.d.ts'), 'utf8');
    const normalise = (s: string) => s.replace(/^\/\*\*[\s\S]*?\*\/\s*/, '').replace(/\s+/g, ' ').trim();
    expect(normalise(committed)).toBe(normalise(generated));
  });

  it('finds every endpoint the UI calls in the spec', () => {
    const spec = JSON.parse(readFileSync(docs, 'utf8'));
    const paths = Object.keys(spec.paths);
    for (const path of [
      '/api/v1/session',
      '/api/v1/me',
      '/api/v1/me/presence',
      '/api/v1/me/presence/history',
      '/api/v1/presence/reasons',
      '/api/v1/me/tasks',
      '/api/v1/me/tasks/{id}/accept',
      '/api/v1/me/tasks/{id}/reject',
      '/api/v1/me/tasks/{id}/complete',
      '/api/v1/me/tasks/{id}/return',
      '/api/v1/me/tasks/{id}/defer',
      '/api/v1/me/tasks/{id}/transfer',
      '/api/v1/me/tasks/{id}/history',
      '/api/v1/me/next',
      '/api/v1/reporting/live',
      '/api/v1/reporting/day',
      '/api/v1/reporting/people',
      '/api/v1/reporting/tasks.csv',
      '/api/v1/tasks',
      '/api/v1/tasks/reassign',
      '/api/v1/tasks/{id}/hold',
      '/api/v1/tasks/{id}/resume',
      '/api/v1/tasks/{id}/cancel',
      '/api/v1/tasks/{id}/priority',
      '/api/v1/employees/{id}/presence',
      '/api/v1/employees/{employee}/pull-back',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe('requests', () => {
  it('reads the raw CSRF token from the cookie', () => {
    expect(csrfToken('JSESSIONID=1; XSRF-TOKEN=ab%2Fc; other=2')).toBe('ab/c');
    expect(csrfToken('JSESSIONID=1')).toBe('');
  });
  it('builds query strings without empty values and with repeated parameters', () => {
    expect(query({ a: 'x', b: '', c: undefined, s: ['Q', 'O'] })).toBe('?a=x&s=Q&s=O');
    expect(query({})).toBe('');
  });
});
