import { t } from '../../i18n';
import { useLiveState } from './LiveProvider';

/** Says clearly when the live channel drops and when it is back (an ARIA live region, so screen readers hear it). */
export function LiveBanner() {
  const { status } = useLiveState();
  return (
    <div role="status" aria-live="polite" className={`live-banner live-${status}`} data-testid="live-status">
      {status === 'lost' && <span>{t('live.lost')}</span>}
      {status === 'restored' && <span>{t('live.restored')}</span>}
      {status === 'connecting' && <span className="quiet">{t('live.connecting')}</span>}
      {status === 'connected' && <span className="quiet">● {t('live.connected')}</span>}
    </div>
  );
}
