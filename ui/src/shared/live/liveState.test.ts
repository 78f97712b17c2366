import { describe, expect, it } from 'vitest';
import { initialLiveState, liveReducer, parseLiveMessage, type LiveEvent, type LiveState } from './liveState';

const run = (events: LiveEvent[], from: LiveState = initialLiveState) => events.reduce(liveReducer, from);

describe('live connection state', () => {
  it('is connected after the first connect, without a "restored" message', () => {
    expect(run([{ type: 'connected', at: 1 }]).status).toBe('connected');
  });
  it('does not report a loss while the first connection attempt is still failing', () => {
    expect(run([{ type: 'closed', at: 1 }]).status).toBe('connecting');
  });
  it('reports a lost connection at once and a restored one after the reconnect', () => {
    const lost = run([{ type: 'connected', at: 1 }, { type: 'closed', at: 5 }, { type: 'closed', at: 7 }]);
    expect(lost).toMatchObject({ status: 'lost', lostAt: 5 });
    const back = liveReducer(lost, { type: 'connected', at: 9 });
    expect(back).toMatchObject({ status: 'restored', reconnects: 1, lostAt: null });
    expect(liveReducer(back, { type: 'settled' }).status).toBe('connected');
  });
  it('counts every reconnect', () => {
    const state = run([
      { type: 'connected', at: 1 },
      { type: 'closed', at: 2 },
      { type: 'connected', at: 3 },
      { type: 'closed', at: 4 },
      { type: 'connected', at: 5 },
    ]);
    expect(state.reconnects).toBe(2);
  });
});

describe('live messages', () => {
  it('parses the envelope and drops what is not one', () => {
    expect(parseLiveMessage('{"type":"offer","at":"x","payload":{"taskId":"1"}}')).toEqual({
      type: 'offer',
      at: 'x',
      payload: { taskId: '1' },
    });
    expect(parseLiveMessage('{"type":"board-changed","at":"x"}')?.payload).toEqual({});
    expect(parseLiveMessage('not json')).toBeNull();
    expect(parseLiveMessage('{"foo":1}')).toBeNull();
  });
});
