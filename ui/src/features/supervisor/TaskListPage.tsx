import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { t, tOr } from '../../i18n';
import type { TaskResponse } from '../../shared/api/types';
import { errorText } from '../../shared/errors';
import { Dialog } from '../../shared/ui/Dialog';
import { SlaBadge } from '../../shared/ui/SlaBadge';
import { formatDateTime } from '../../shared/time';
import { useNow } from '../../shared/useNow';
import { reassign, supKeys, taskQuery, usePeople, useSupervisorAction, useSupervisorLive, useTasks, type TaskFilter } from './api';
import { pageState, toggle, togglePage } from './selection';

const STATES = ['QUEUED', 'OFFERED', 'ASSIGNED', 'HELD', 'ERROR_HELD', 'SCHEDULED', 'COMPLETED', 'CANCELED', 'REJECTED'];

function SelectAll({ state, onChange }: { state: 'none' | 'some' | 'all'; onChange: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return <input ref={ref} type="checkbox" checked={state === 'all'} onChange={onChange} aria-label={t('tasks.selectAll')} />;
}

/** The global task list: server-side paging, filter and search; bulk reassign; hold/resume/cancel; pin; CSV export. */
export function TaskListPage() {
  useSupervisorLive();
  const now = useNow();
  const client = useQueryClient();
  const [filter, setFilter] = useState<TaskFilter>({ q: '', state: 'open', department: '', page: 0, size: 25 });
  const [draft, setDraft] = useState(filter);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignee, setAssignee] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [bulkError, setBulkError] = useState<unknown>(null);
  const [priorityOf, setPriorityOf] = useState<TaskResponse | null>(null);
  const tasks = useTasks(filter);
  const people = usePeople();
  const action = useSupervisorAction();
  const items = tasks.data?.items ?? [];
  const ids = items.map((i) => i.id);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ ...draft, page: 0 });
    setSelected(new Set());
  };
  const assignSelected = async () => {
    setBulkError(null);
    try {
      const results = await reassign([...selected], assignee);
      const ok = results.filter((r) => r.status === 200).length;
      setResult(t('tasks.result', { ok, failed: results.length - ok }));
      setSelected(new Set());
    } catch (error) {
      setBulkError(error);
    } finally {
      void client.invalidateQueries({ queryKey: supKeys.all });
    }
  };
  const verb = (task: TaskResponse, path: string, body?: unknown) =>
    action.mutate({ path: `/api/v1/tasks/${task.id}/${path}`, body });
  const pages = tasks.data?.totalPages ?? 0;

  return (
    <div className="task-list">
      <h1>{t('tasks.heading')}</h1>
      <form className="filters row" onSubmit={apply} role="search">
        <label>
          {t('tasks.search')}
          <input type="search" value={draft.q} maxLength={200} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </label>
        <label>
          {t('tasks.state')}
          <select value={draft.state} onChange={(e) => setDraft({ ...draft, state: e.target.value })}>
            <option value="open">{t('tasks.anyState')}</option>
            <option value="any">{t('tasks.allStates')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {tOr(`state.${s}`, s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tasks.department')}
          <input value={draft.department} maxLength={100} onChange={(e) => setDraft({ ...draft, department: e.target.value })} />
        </label>
        <button type="submit" className="primary">
          {t('tasks.filter')}
        </button>
        <a className="button" href={`/api/v1/reporting/tasks.csv${taskQuery(filter, false)}`} download>
          {t('tasks.export')}
        </a>
      </form>

      <div className="row bulk" role="group" aria-label={t('tasks.assignTo')}>
        <span>{t('tasks.selected', { count: selected.size })}</span>
        <label>
          {t('tasks.assignTo')}
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="assignee">
            <option value="" />
            {people.data
              ?.filter((p) => p.totalCapacity > 0)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName} ({p.load}/{p.totalCapacity})
                </option>
              ))}
          </select>
        </label>
        <button type="button" disabled={selected.size === 0 || !assignee} onClick={() => void assignSelected()}>
          {t('tasks.assign')}
        </button>
        {result && <span role="status">{result}</span>}
      </div>
      {(action.error || bulkError) ? (
        <p role="alert" className="error">
          {errorText(action.error ?? bulkError)}
        </p>
      ) : null}

      <table data-testid="tasks">
        <thead>
          <tr>
            <th scope="col">
              <SelectAll state={pageState(selected, ids)} onChange={() => setSelected(togglePage(selected, ids))} />
            </th>
            <th scope="col">{t('field.title')}</th>
            <th scope="col">{t('field.state')}</th>
            <th scope="col">{t('field.department')}</th>
            <th scope="col">{t('field.assignedEmployee')}</th>
            <th scope="col">{t('field.dueTime')}</th>
            <th scope="col">{t('field.capturedAt')}</th>
            <th scope="col">{t('sup.people.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((task) => {
            const open = !['COMPLETED', 'CANCELED', 'REJECTED'].includes(task.state);
            return (
              <tr key={task.id} data-task={task.id}>
                <td>
                  <input
                    type="checkbox"
                    checked={selected.has(task.id)}
                    onChange={() => setSelected(toggle(selected, task.id))}
                    aria-label={t('tasks.selectOne', { title: task.title })}
                  />
                </td>
                <th scope="row">
                  {task.title}
                  {task.priorityPinned && <span className="pill pinned"> {t('tasks.pinned')}</span>}
                  <div className="quiet small">
                    {task.sourceSystem}/{task.externalId} · {task.type}
                  </div>
                </th>
                <td>{tOr(`state.${task.state}`, task.state)}</td>
                <td>{task.department ?? ''}</td>
                <td>{task.assignedEmployee ?? ''}</td>
                <td>
                  {task.dueTime && open ? <SlaBadge now={now} dueTime={task.dueTime} slaWarningAt={task.slaWarningAt} /> : formatDateTime(task.dueTime)}
                </td>
                <td>{formatDateTime(task.capturedAt)}</td>
                <td className="actions">
                  {open && task.state !== 'HELD' && task.state !== 'ERROR_HELD' && (
                    <button type="button" onClick={() => verb(task, 'hold', { reason: 'held by supervisor' })}>
                      {t('tasks.hold')}
                    </button>
                  )}
                  {task.state === 'HELD' && (
                    <button type="button" onClick={() => verb(task, 'resume', {})}>
                      {t('tasks.resume')}
                    </button>
                  )}
                  {open && (
                    <button
                      type="button"
                      onClick={() => verb(task, 'priority', { pinned: !task.priorityPinned, boost: task.priorityBoost ?? 0 })}
                    >
                      {task.priorityPinned ? t('tasks.unpin') : t('tasks.pin')}
                    </button>
                  )}
                  {open && (
                    <button type="button" onClick={() => setPriorityOf(task)}>
                      {t('tasks.priority')}
                    </button>
                  )}
                  {open && (
                    <button type="button" className="danger" onClick={() => verb(task, 'cancel', { reason: 'canceled by supervisor' })}>
                      {t('tasks.cancelTask')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {tasks.data && items.length === 0 && <p className="quiet">{t('tasks.empty')}</p>}
      <Dialog
        open={priorityOf !== null}
        title={priorityOf ? t('tasks.priorityFor', { title: priorityOf.title }) : ''}
        submitLabel={t('tasks.savePriority')}
        busy={action.isPending}
        error={errorText(action.error)}
        onClose={() => {
          setPriorityOf(null);
          action.reset();
        }}
        onSubmit={(form) => {
          if (!priorityOf) return;
          const reason = String(form.get('reason') ?? '').trim();
          action.mutate(
            {
              path: `/api/v1/tasks/${priorityOf.id}/priority`,
              body: { pinned: form.get('pinned') === 'on', boost: Number(form.get('boost') ?? 0), ...(reason ? { reason } : {}) },
            },
            { onSuccess: () => setPriorityOf(null) },
          );
        }}
      >
        <label className="check">
          <input type="checkbox" name="pinned" defaultChecked={priorityOf?.priorityPinned ?? false} />
          {t('tasks.pinLabel')}
        </label>
        <label>
          {t('tasks.boost')}
          <input type="number" name="boost" min={-100000} max={100000} step={1} defaultValue={priorityOf?.priorityBoost ?? 0} />
        </label>
        <label>
          {t('tasks.priorityReason')}
          <input name="reason" maxLength={500} />
        </label>
      </Dialog>
      <nav className="row pager" aria-label={t('tasks.page', { page: filter.page + 1, pages, total: tasks.data?.totalElements ?? 0 })}>
        <button type="button" disabled={filter.page === 0} onClick={() => setFilter({ ...filter, page: filter.page - 1 })}>
          {t('tasks.prev')}
        </button>
        <span>{t('tasks.page', { page: filter.page + 1, pages: Math.max(1, pages), total: tasks.data?.totalElements ?? 0 })}</span>
        <button type="button" disabled={filter.page + 1 >= pages} onClick={() => setFilter({ ...filter, page: filter.page + 1 })}>
          {t('tasks.next')}
        </button>
      </nav>
    </div>
  );
}
