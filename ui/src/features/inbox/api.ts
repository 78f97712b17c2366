import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, put } from '../../shared/api/client';
import type { Employee, PresenceChange, PresenceHistoryItem, ReasonCodes, TimelineEntry, WorkItem } from '../../shared/api/types';

export const keys = {
  me: ['me'] as const,
  myTasks: ['me', 'tasks'] as const,
  reasons: ['presence', 'reasons'] as const,
  history: (id: string) => ['me', 'tasks', id, 'history'] as const,
  presenceHistory: ['me', 'presence', 'history'] as const,
};

export const useMe = () => useQuery({ queryKey: keys.me, queryFn: () => get<Employee>('/api/v1/me') });
export const useMyTasks = () => useQuery({ queryKey: keys.myTasks, queryFn: () => get<WorkItem[]>('/api/v1/me/tasks') });
export const useReasons = () =>
  useQuery({ queryKey: keys.reasons, queryFn: () => get<ReasonCodes>('/api/v1/presence/reasons'), staleTime: Infinity });
export const useTimeline = (id: string | null) =>
  useQuery({
    queryKey: keys.history(id ?? ''),
    queryFn: () => get<TimelineEntry[]>(`/api/v1/me/tasks/${id}/history`),
    enabled: !!id,
  });
export const useLastPresenceChange = (enabled: boolean) =>
  useQuery({
    queryKey: keys.presenceHistory,
    queryFn: () => get<PresenceHistoryItem[]>('/api/v1/me/presence/history?limit=1'),
    enabled,
  });

export function useSetPresence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: PresenceChange) => put<Employee>('/api/v1/me/presence', change),
    onSuccess: (me) => client.setQueryData(keys.me, me),
  });
}

type WorkAction = { id: string; verb: 'accept' | 'reject' | 'complete' | 'return' | 'defer' | 'transfer'; body?: object };

export function useWorkAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, verb, body }: WorkAction) => post<WorkItem>(`/api/v1/me/tasks/${id}/${verb}`, body ?? {}),
    onSettled: () => client.invalidateQueries({ queryKey: keys.myTasks }),
  });
}

export function useGetNext() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<WorkItem | undefined>('/api/v1/me/next'),
    onSettled: () => client.invalidateQueries({ queryKey: keys.myTasks }),
  });
}
