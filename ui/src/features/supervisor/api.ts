import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, put, query } from '../../shared/api/client';
import type { Dimension, LiveTiles, Person, PresenceChange, ReassignResult, TaskPage, TodaySeries } from '../../shared/api/types';
import { useLiveMessages } from '../../shared/live/LiveProvider';

export const supKeys = {
  all: ['sup'] as const,
  live: (d: Dimension) => ['sup', 'live', d] as const,
  day: (d: Dimension, key: string) => ['sup', 'day', d, key] as const,
  people: ['sup', 'people'] as const,
  tasks: (filter: TaskFilter) => ['sup', 'tasks', filter] as const,
};

export type TaskFilter = { q: string; state: string; department: string; page: number; size: number };

export const OPEN_STATES = ['SCHEDULED', 'QUEUED', 'OFFERED', 'ASSIGNED', 'HELD', 'ERROR_HELD'];

export function taskQuery(filter: TaskFilter, paging = true) {
  return query({
    q: filter.q,
    state: filter.state === 'open' ? OPEN_STATES : filter.state === 'any' ? undefined : filter.state,
    department: filter.department,
    page: paging ? filter.page : undefined,
    size: paging ? filter.size : undefined,
    sort: paging ? 'capturedAt,desc' : undefined,
  });
}

export const useLive = (d: Dimension) =>
  useQuery({ queryKey: supKeys.live(d), queryFn: () => get<LiveTiles>(`/api/v1/reporting/live?dimension=${d}`) });
export const useDay = (d: Dimension, key: string) =>
  useQuery({ queryKey: supKeys.day(d, key), queryFn: () => get<TodaySeries>(`/api/v1/reporting/day${query({ dimension: d, key })}`) });
export const usePeople = () => useQuery({ queryKey: supKeys.people, queryFn: () => get<Person[]>('/api/v1/reporting/people') });
export const useTasks = (filter: TaskFilter) =>
  useQuery({
    queryKey: supKeys.tasks(filter),
    queryFn: () => get<TaskPage>(`/api/v1/tasks${taskQuery(filter)}`),
    placeholderData: (previous) => previous,
  });

/** Every supervisor screen re-reads its data when the server says the board changed (no polling). */
export function useSupervisorLive() {
  const client = useQueryClient();
  useLiveMessages((message) => {
    if (message.type === 'board-changed' || message.type === 'presence') {
      void client.invalidateQueries({ queryKey: supKeys.all });
    }
  });
}

export function useSupervisorAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body, method }: { path: string; body?: unknown; method?: 'POST' | 'PUT' }) =>
      method === 'PUT' ? put<unknown>(path, body) : post<unknown>(path, body ?? {}),
    onSettled: () => client.invalidateQueries({ queryKey: supKeys.all }),
  });
}

export const reassign = (taskIds: string[], employee: string) =>
  post<ReassignResult[]>('/api/v1/tasks/reassign', { taskIds, employee });
export const forcePresence = (id: string, change: PresenceChange) => put(`/api/v1/employees/${id}/presence`, change);
