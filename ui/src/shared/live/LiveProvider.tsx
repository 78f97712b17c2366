import { createContext, useContext, useEffect, useReducer, useRef, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { connectLive } from './connect';
import { initialLiveState, liveReducer, type LiveMessage, type LiveState } from './liveState';

type Listener = (message: LiveMessage) => void;

type LiveContextValue = { state: LiveState; subscribe: (listener: Listener) => () => void };

const LiveContext = createContext<LiveContextValue>({ state: initialLiveState, subscribe: () => () => {} });

/**
 * One live connection per tab. Every (re)connect invalidates all queries, so the screens re-read their state over REST:
 * a message missed while disconnected is never the only record of anything.
 */
export function LiveProvider({ supervisor, children }: { supervisor: boolean; children: ReactNode }) {
  const [state, dispatch] = useReducer(liveReducer, initialLiveState);
  const listeners = useRef(new Set<Listener>());
  const queryClient = useQueryClient();

  useEffect(() => {
    const emit = (message: LiveMessage) => listeners.current.forEach((listener) => listener(message));
    const client = connectLive({
      onMessage: emit,
      onSupervisorMessage: supervisor ? emit : undefined,
      onConnected: () => {
        dispatch({ type: 'connected', at: Date.now() });
        void queryClient.invalidateQueries();
      },
      onDisconnected: () => dispatch({ type: 'closed', at: Date.now() }),
    });
    return () => {
      void client.deactivate();
    };
  }, [supervisor, queryClient]);

  useEffect(() => {
    if (state.status !== 'restored') return;
    const id = window.setTimeout(() => dispatch({ type: 'settled' }), 6000);
    return () => window.clearTimeout(id);
  }, [state.status]);

  const value = useRef<LiveContextValue>({
    state,
    subscribe: (listener) => {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  });
  value.current = { ...value.current, state };

  return <LiveContext.Provider value={value.current}>{children}</LiveContext.Provider>;
}

export function useLiveState(): LiveState {
  return useContext(LiveContext).state;
}

/** Calls `listener` for every live message while the component is mounted. */
export function useLiveMessages(listener: Listener) {
  const { subscribe } = useContext(LiveContext);
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribe((message) => latest.current(message)), [subscribe]);
}
