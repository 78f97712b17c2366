// The connection state machine behind the live banner: pure, so it is unit tested without a socket.

export type LiveStatus = 'connecting' | 'connected' | 'lost' | 'restored';

export type LiveState = { status: LiveStatus; everConnected: boolean; lostAt: number | null; reconnects: number };

export type LiveEvent = { type: 'connected'; at: number } | { type: 'closed'; at: number } | { type: 'settled' };

export const initialLiveState: LiveState = { status: 'connecting', everConnected: false, lostAt: null, reconnects: 0 };

export function liveReducer(state: LiveState, event: LiveEvent): LiveState {
  switch (event.type) {
    case 'connected':
      return state.everConnected
        ? { status: 'restored', everConnected: true, lostAt: null, reconnects: state.reconnects + 1 }
        : { ...state, status: 'connected', everConnected: true };
    case 'closed':
      if (!state.everConnected) return state; // still trying for the first time
      return state.status === 'lost' ? state : { ...state, status: 'lost', lostAt: event.at };
    case 'settled':
      return state.status === 'restored' ? { ...state, status: 'connected' } : state;
  }
}

export type LiveMessage<T = Record<string, unknown>> = { type: string; at: string; payload: T };

export function parseLiveMessage(body: string): LiveMessage | null {
  try {
    const value = JSON.parse(body);
    return value && typeof value.type === 'string' ? { payload: {}, ...value } : null;
  } catch {
    return null;
  }
}
