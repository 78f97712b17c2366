import { useRef } from 'react';
import { t } from '../../i18n';
import type { WorkItem } from '../../shared/api/types';
import { SlaBadge } from '../../shared/ui/SlaBadge';
import { formatDuration, fractionLeft, remaining } from '../../shared/time';

/** An incoming offer: key facts, SLA, the accept countdown, Accept / Reject. */
export function OfferCard(props: { offer: WorkItem; now: number; onAccept: () => void; onReject: () => void; busy: boolean }) {
  const { offer, now } = props;
  const shownAt = useRef(now);
  const left = remaining(now, offer.offerExpiresAt);
  const expired = left === 0;
  return (
    <section className="offer" aria-labelledby={`offer-${offer.id}`} data-testid="offer">
      <h2 id={`offer-${offer.id}`}>
        {t('offer.heading')}: <span className="offer-title">{offer.title}</span>
      </h2>
      <dl className="facts">
        <dt>{t('field.type')}</dt>
        <dd>{offer.type}</dd>
        {offer.customerId && (
          <>
            <dt>{t('detail.customer')}</dt>
            <dd>
              {offer.customerId}
              {offer.customerSegment ? ` (${offer.customerSegment})` : ''}
            </dd>
          </>
        )}
        {offer.department && (
          <>
            <dt>{t('field.department')}</dt>
            <dd>{offer.department}</dd>
          </>
        )}
        <dt>{t('field.dueTime')}</dt>
        <dd>
          <SlaBadge now={now} dueTime={offer.dueTime} slaWarningAt={offer.slaWarningAt} />
        </dd>
      </dl>
      {left !== null && (
        <div className="countdown">
          <span aria-live="off">{expired ? t('offer.expired') : t('offer.expiresIn', { time: formatDuration(left) })}</span>
          <progress max={1} value={fractionLeft(now, shownAt.current, offer.offerExpiresAt)} aria-hidden="true" />
        </div>
      )}
      <div className="buttons">
        <button type="button" className="primary" onClick={props.onAccept} disabled={props.busy || expired}>
          {t('offer.accept')}
        </button>
        <button type="button" onClick={props.onReject} disabled={props.busy || expired}>
          {t('offer.reject')}
        </button>
      </div>
    </section>
  );
}
