import { describe, expect, it } from 'vitest';
import { addAlert, MAX_ALERTS, toAlert, type EscalationAlert } from './alerts';

const alert = (taskId: string, stage = 'warning', activityId = 'Task_Notify'): EscalationAlert => ({
  taskId, stage, activityId, at: '2026-12-01T09:00:00Z',
});

describe('escalation alerts', () => {
  it('shows the newest first', () => {
    const list = addAlert(addAlert([], alert('a')), alert('b'));
    expect(list.map((a) => a.taskId)).toEqual(['b', 'a']);
  });

  it('shows a redelivered push once', () => {
    const list = addAlert(addAlert([], alert('a')), alert('a'));
    expect(list).toHaveLength(1);
  });

  it('keeps the warning and the breach of one task apart', () => {
    const list = addAlert(addAlert([], alert('a', 'warning')), alert('a', 'breach', 'Task_Alert'));
    expect(list.map((a) => a.stage)).toEqual(['breach', 'warning']);
  });

  it('keeps at most the latest alerts', () => {
    let list: EscalationAlert[] = [];
    for (let i = 0; i < MAX_ALERTS + 5; i++) list = addAlert(list, alert(`t${i}`));
    expect(list).toHaveLength(MAX_ALERTS);
    expect(list[0].taskId).toBe(`t${MAX_ALERTS + 4}`);
  });

  it('ignores payloads that are not escalation steps', () => {
    expect(toAlert(null)).toBeUndefined();
    expect(toAlert({ stage: 'warning' })).toBeUndefined();
    expect(toAlert({ taskId: 't1', stage: 'breach', title: 'Claim', at: 'x' })?.title).toBe('Claim');
  });
});
