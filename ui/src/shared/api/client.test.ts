import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorText } from '../errors';
import { ApiError, BUSY_RETRIES, busyRetryDelay, put, setSleep } from './client';

const busy = (changed: boolean, retryAfter = '2') =>
  new Response(JSON.stringify({ type: 'https://openwd.org/problems/service-busy', status: 503, changed }), {
    status: 503,
    headers: { 'Content-Type': 'application/problem+json', 'Retry-After': retryAfter },
  });

const ok = () => new Response(JSON.stringify({ id: 'agent', presence: 'READY' }), { status: 200 });

describe('a request the platform refused as busy', () => {
  const waits: number[] = [];
  beforeEach(() => {
    waits.length = 0;
    setSleep(async (ms) => {
      waits.push(ms);
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is sent again after Retry-After when nothing was changed', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(busy(false)).mockResolvedValueOnce(ok());
    vi.stubGlobal('fetch', fetch);
    await expect(put('/api/v1/me/presence', { state: 'READY' })).resolves.toMatchObject({ presence: 'READY' });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1][1]).toMatchObject({ method: 'PUT', body: '{"state":"READY"}' });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(waits[0]).toBeLessThanOrEqual(3000);
  });

  it('is not repeated when part of it may be stored', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(busy(true)).mockResolvedValueOnce(ok());
    vi.stubGlobal('fetch', fetch);
    await expect(put('/api/v1/me/presence', { state: 'READY' })).rejects.toBeInstanceOf(ApiError);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('gives up with the error after a few attempts', async () => {
    const fetch = vi.fn().mockImplementation(async () => busy(false));
    vi.stubGlobal('fetch', fetch);
    const error = await put('/api/v1/me/presence', { state: 'READY' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(fetch).toHaveBeenCalledTimes(BUSY_RETRIES + 1);
    expect(errorText(error)).toBe('Busy, try again shortly. Nothing was changed.');
  });

  it('waits between one and ten seconds, spread so a refused wave does not return at once', async () => {
    expect(await busyRetryDelay(busy(false, '0'), () => 0)).toBe(1000);
    expect(await busyRetryDelay(busy(false, '60'), () => 0)).toBe(10000);
    expect(await busyRetryDelay(busy(false, '2'), () => 1)).toBe(3000);
    expect(await busyRetryDelay(new Response('{}', { status: 503 }))).toBeNull();
    expect(await busyRetryDelay(new Response('oops', { status: 500 }))).toBeNull();
  });
});
