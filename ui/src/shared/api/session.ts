import { useQuery } from '@tanstack/react-query';
import { get } from './client';
import type { Session } from './types';

export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: () => get<Session>('/api/v1/session'), staleTime: Infinity });
}

export const isSupervisor = (s?: Session) => !!s?.roles.some((r) => r === 'SUPERVISOR' || r === 'ADMIN');
export const isWorker = (s?: Session) => !!s?.roles.some((r) => r === 'AGENT' || r === 'SUPERVISOR' || r === 'ADMIN');
export const isProcessOwner = (s?: Session) => !!s?.roles.some((r) => r === 'PROCESS_OWNER' || r === 'ADMIN');
