// Types of the REST API, taken from the generated schema (src/shared/api/schema.d.ts, from docs/openapi.json).
// The generator marks every response field optional; the aliases below require the fields the server always sends.
import type { components } from './schema';

type S = components['schemas'];
type With<T, K extends keyof T> = Omit<T, K> & Required<Pick<T, K>>;

export type WorkItem = With<S['WorkItem'], 'id' | 'state' | 'title' | 'type' | 'sourceSystem' | 'externalId' | 'version'>;
export type TaskResponse = With<S['TaskResponse'], 'id' | 'state' | 'title' | 'type' | 'sourceSystem' | 'externalId' | 'version'>;
export type TaskPage = Omit<With<S['TaskPage'], 'page' | 'size' | 'totalElements' | 'totalPages'>, 'items'> & {
  items: TaskResponse[];
};
export type Employee = With<S['EmployeeResponse'], 'id' | 'displayName' | 'presence' | 'totalCapacity' | 'version'>;
export type PresenceState = NonNullable<S['EmployeeResponse']['presence']>;
export type PresenceChange = S['PresenceChange'];
export type PresenceHistoryItem = S['PresenceHistoryItem'];
export type ReasonCodes = With<S['PresenceReasonCodes'], 'reasons'>;
export type TimelineEntry = With<S['TimelineEntry'], 'seq' | 'at' | 'actor' | 'action' | 'to'>;
export type Tile = With<
  S['Tile'],
  'key' | 'waiting' | 'offered' | 'inProgress' | 'held' | 'scheduled' | 'atRisk' | 'overdue' | 'arrivedToday' | 'completedToday' | 'completedInSlaToday'
>;
export type LiveTiles = Omit<With<S['LiveTiles'], 'at' | 'dimension'>, 'tiles'> & { tiles: Tile[] };
export type FlowPoint = With<S['FlowPoint'], 'hour' | 'arrived' | 'completed' | 'completedInSla'>;
export type BacklogPoint = With<S['BacklogPoint'], 'at' | 'waiting' | 'inProgress'>;
export type TodaySeries = { flow: FlowPoint[]; backlog: BacklogPoint[]; from: string; key: string; dimension: string };
export type HeldTask = With<S['HeldTask'], 'id' | 'title' | 'state'>;
export type Person = Omit<With<S['Person'], 'id' | 'displayName' | 'presence' | 'totalCapacity' | 'load'>, 'tasks'> & {
  tasks: HeldTask[];
};
export type Session = With<S['SessionInfo'], 'username' | 'roles'>;
export type ReassignResult = With<S['ReassignResult'], 'taskId' | 'status'>;
export type Dimension = 'all' | 'department' | 'process' | 'queue';
export type RoutingProfileDefinition = S['RoutingProfile'];
export type CurrentRoutingProfile = With<S['CurrentRoutingProfile'], 'name' | 'version' | 'definition'>;
export type CurrentDecision = With<S['CurrentString'], 'name' | 'version' | 'definition'>;
export type RevisionSummary = With<S['RevisionSummary'], 'version'>;
