import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { t } from '../../i18n';
import { ApiError } from '../../shared/api/client';
import type { WorkItem } from '../../shared/api/types';
import { errorText } from '../../shared/errors';
import { useLiveMessages, useLiveState } from '../../shared/live/LiveProvider';
import { Dialog } from '../../shared/ui/Dialog';
import { SlaBadge } from '../../shared/ui/SlaBadge';
import { useNow } from '../../shared/useNow';
import { beep, notifyIfHidden } from './alert';
import { keys, useGetNext, useLastPresenceChange, useMe, useMyTasks, useWorkAction } from './api';
import { OfferCard } from './OfferCard';
import { PresenceControl } from './PresenceControl';
import { TaskDetail, type DetailAction } from './TaskDetail';
import { applyPush, assigned, moveSelection, offers, shortcutFor, type OfferPayload } from './work';

const REJECT_REASONS = ['not-my-skill', 'conflict-of-interest', 'need-information', 'other'] as const;
const OUTCOMES = ['resolved', 'no-action-needed', 'forwarded', 'duplicate'] as const;

type Open = { kind: 'reject' | DetailAction; task: WorkItem } | null;

export function InboxPage() {
  const now = useNow();
  const client = useQueryClient();
  const me = useMe();
  const work = useMyTasks();
  const live = useLiveState();
  const action = useWorkAction();
  const next = useGetNext();
  const [selected, setSelected] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const offerList = offers(work.data);
  const mine = assigned(work.data);
  const current = mine.find((w) => w.id === selected) ?? null;
  const firstOffer = offerList[0] ?? null;

  // after a reconnect, say so if the connection-loss rule set me OFFLINE meanwhile
  const wentOffline = live.reconnects > 0 && me.data?.presence === 'OFFLINE';
  const lastChange = useLastPresenceChange(wentOffline);
  const lostConnection = wentOffline && lastChange.data?.[0]?.reason === 'connection-lost';

  useLiveMessages((message) => {
    switch (message.type) {
      case 'offer':
      case 'assigned':
      case 'offer-expired': {
        client.setQueryData<WorkItem[]>(keys.myTasks, (items) => applyPush(items, message.type, message.payload as OfferPayload));
        void client.invalidateQueries({ queryKey: keys.myTasks });
        if (message.type === 'offer') {
          const title = String((message.payload as OfferPayload).title ?? '');
          beep();
          notifyIfHidden(t('offer.heading'), t('offer.notification', { title }));
        }
        if (message.type === 'assigned') setSelected(String((message.payload as OfferPayload).taskId ?? ''));
        break;
      }
      case 'task-updated':
        void client.invalidateQueries({ queryKey: keys.myTasks });
        break;
      case 'presence':
        void client.invalidateQueries({ queryKey: keys.me });
        break;
    }
  });

  const run = useCallback(
    (task: WorkItem, verb: Parameters<typeof action.mutate>[0]['verb'], body?: object, after?: () => void) => {
      action.mutate(
        { id: task.id, verb, body },
        {
          onSuccess: (result) => {
            setOpen(null);
            if (verb === 'accept') setSelected(result.id);
            if (verb !== 'accept' && selected === task.id) setSelected(null);
            after?.();
          },
        },
      );
    },
    [action, selected],
  );

  const getNext = useCallback(() => {
    setNotice(null);
    next.mutate(undefined, {
      onSuccess: (task) => (task ? setSelected(task.id) : setNotice(t('work.nothingNext'))),
    });
  }, [next]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (open || document.querySelector('dialog[open]')) return;
      const shortcut = shortcutFor(e);
      if (!shortcut) return;
      e.preventDefault();
      switch (shortcut) {
        case 'accept':
          if (firstOffer) run(firstOffer, 'accept');
          break;
        case 'reject':
          if (firstOffer) setOpen({ kind: 'reject', task: firstOffer });
          break;
        case 'next':
          getNext();
          break;
        case 'down':
        case 'up':
          setSelected(moveSelection(mine.map((m) => m.id), selected, shortcut === 'down' ? 1 : -1));
          break;
        case 'complete':
          if (current) setOpen({ kind: 'complete', task: current });
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, firstOffer, mine, selected, current, run, getNext]);

  if (me.error instanceof ApiError && me.error.status === 404) {
    return <p className="notice">{t('presence.noEmployee')}</p>;
  }
  if (!me.data) return <p className="loading">{t('live.connecting')}</p>;

  const close = () => {
    setOpen(null);
    action.reset();
  };
  const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim() || undefined;

  return (
    <div className="inbox">
      <h1 className="sr-only">{t('nav.inbox')}</h1>
      <PresenceControl me={me.data} now={now} />
      {lostConnection && (
        <p role="alert" className="notice warn">
          {t('live.wentOffline')}
        </p>
      )}
      {offerList.map((offer) => (
        <OfferCard
          key={offer.id}
          offer={offer}
          now={now}
          busy={action.isPending}
          onAccept={() => run(offer, 'accept')}
          onReject={() => setOpen({ kind: 'reject', task: offer })}
        />
      ))}
      {action.error && !open && (
        <p role="alert" className="error">
          {errorText(action.error)}
        </p>
      )}
      <div className="inbox-body">
        <section className="work" aria-labelledby="work-heading">
          <div className="row">
            <h2 id="work-heading">{t('work.heading')}</h2>
            <button type="button" onClick={getNext} disabled={next.isPending}>
              {t('work.getNext')}
            </button>
          </div>
          {notice && <p role="status">{notice}</p>}
          {mine.length === 0 ? (
            <p className="quiet">{t('work.empty')}</p>
          ) : (
            <ul className="work-list" data-testid="my-work">
              {mine.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className={item.id === selected ? 'selected' : ''}
                    aria-current={item.id === selected ? 'true' : undefined}
                    onClick={() => setSelected(item.id)}
                  >
                    <span className="title">{item.title}</span>
                    <span className="meta">
                      {item.type} · <SlaBadge now={now} dueTime={item.dueTime} slaWarningAt={item.slaWarningAt} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p className="quiet small">{t('work.shortcuts')}</p>
        </section>
        <TaskDetail task={current} now={now} onAction={(kind) => current && setOpen({ kind, task: current })} />
      </div>

      <Dialog
        open={open?.kind === 'reject'}
        title={t('offer.confirmReject')}
        submitLabel={t('offer.confirmReject')}
        busy={action.isPending}
        error={errorText(action.error)}
        onClose={close}
        onSubmit={(form) => open && run(open.task, 'reject', { reason: text(form, 'reason') })}
      >
        <label>
          {t('offer.rejectReason')}
          <select name="reason" required defaultValue="">
            <option value="" disabled>
              {t('presence.chooseReason')}
            </option>
            {REJECT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`rejectReason.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </Dialog>
      <Dialog
        open={open?.kind === 'complete'}
        title={t('action.complete')}
        submitLabel={t('action.done')}
        busy={action.isPending}
        error={errorText(action.error)}
        onClose={close}
        onSubmit={(form) => open && run(open.task, 'complete', { outcome: text(form, 'outcome'), note: text(form, 'note') })}
      >
        <label>
          {t('action.outcome')}
          <input name="outcome" list="outcomes" required maxLength={100} defaultValue="resolved" />
          <datalist id="outcomes">
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          {t('action.note')}
          <textarea name="note" maxLength={2000} rows={3} />
        </label>
      </Dialog>
      <Dialog
        open={open?.kind === 'return'}
        title={t('action.return')}
        submitLabel={t('action.confirm')}
        busy={action.isPending}
        error={errorText(action.error)}
        onClose={close}
        onSubmit={(form) => open && run(open.task, 'return', { reason: text(form, 'reason') })}
      >
        <label>
          {t('action.reason')}
          <input name="reason" maxLength={500} />
        </label>
      </Dialog>
      <Dialog
        open={open?.kind === 'transfer'}
        title={t('action.transfer')}
        submitLabel={t('action.confirm')}
        busy={action.isPending}
        error={errorText(action.error)}
        onClose={close}
        onSubmit={(form) => open && run(open.task, 'transfer', { employee: text(form, 'employee') })}
      >
        <label>
          {t('action.colleague')}
          <input name="employee" required maxLength={100} autoComplete="off" />
        </label>
      </Dialog>
      <Dialog
        open={open?.kind === 'defer'}
        title={t('action.defer')}
        submitLabel={t('action.confirm')}
        busy={action.isPending}
        error={errorText(action.error)}
        onClose={close}
        onSubmit={(form) => {
          const until = text(form, 'until');
          if (open && until) run(open.task, 'defer', { until: new Date(until).toISOString(), reason: text(form, 'reason') });
        }}
      >
        <label>
          {t('action.until')}
          <input name="until" type="datetime-local" required />
        </label>
        <label>
          {t('action.reason')}
          <input name="reason" maxLength={500} />
        </label>
      </Dialog>
    </div>
  );
}
