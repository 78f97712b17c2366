import { Client, type IMessage } from '@stomp/stompjs';
import { csrfToken } from '../api/client';
import { parseLiveMessage, type LiveMessage } from './liveState';

export type LiveHandlers = {
  onMessage: (message: LiveMessage) => void;
  onSupervisorMessage?: (message: LiveMessage) => void;
  onConnected: () => void;
  onDisconnected: () => void;
};

/**
 * Opens the live channel (see docs/live-channel.md): plain WebSocket + STOMP at /ws, the CSRF token in CONNECT (read
 * again before every reconnect, since it changes at login), 10 s heart-beats, reconnect every 2 s.
 */
export function connectLive(handlers: LiveHandlers): Client {
  const client = new Client({
    brokerURL: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
    reconnectDelay: 2000,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
    beforeConnect: () => {
      client.connectHeaders = { 'X-XSRF-TOKEN': csrfToken() };
    },
    onConnect: () => {
      const deliver = (handler: (m: LiveMessage) => void) => (frame: IMessage) => {
        const message = parseLiveMessage(frame.body);
        if (message) handler(message);
      };
      client.subscribe('/user/queue/inbox', deliver(handlers.onMessage));
      if (handlers.onSupervisorMessage) {
        client.subscribe('/topic/supervisors', deliver(handlers.onSupervisorMessage));
      }
      handlers.onConnected();
    },
    onWebSocketClose: () => handlers.onDisconnected(),
    onStompError: (frame) => console.warn('live channel refused:', frame.headers.message),
  });
  client.activate();
  return client;
}
