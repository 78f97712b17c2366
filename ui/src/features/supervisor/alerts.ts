/** An escalation step pushed to supervisors (live message type "escalation", sent by the escalation module). */
export type EscalationAlert = {
  taskId: string;
  stage: string;
  message?: string;
  department?: string;
  title?: string;
  dueTime?: string;
  activityId?: string;
  at: string;
};

export const MAX_ALERTS = 20;

/** Newest first, one entry per task and step (a redelivered push is not shown twice), at most MAX_ALERTS. */
export function addAlert(alerts: EscalationAlert[], incoming: EscalationAlert): EscalationAlert[] {
  const same = (a: EscalationAlert) => a.taskId === incoming.taskId && a.stage === incoming.stage && a.activityId === incoming.activityId;
  return [incoming, ...alerts.filter((a) => !same(a))].slice(0, MAX_ALERTS);
}

export function toAlert(payload: unknown): EscalationAlert | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  if (typeof p.taskId !== 'string' || typeof p.stage !== 'string') return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    taskId: p.taskId, stage: p.stage, message: text(p.message), department: text(p.department), title: text(p.title),
    dueTime: text(p.dueTime), activityId: text(p.activityId), at: text(p.at) ?? new Date().toISOString(),
  };
}
