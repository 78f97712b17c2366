import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkItem } from '../../shared/api/types';
import { OfferCard } from './OfferCard';

const offer: WorkItem = {
  id: 't1',
  state: 'OFFERED',
  title: 'Water damage',
  type: 'claim',
  sourceSystem: 'crm',
  externalId: 'C-1',
  version: 1,
  customerId: 'CUST-17',
  customerSegment: 'gold',
  dueTime: '2026-03-02T12:30:00Z',
  slaWarningAt: '2026-03-02T12:15:00Z',
  offerExpiresAt: '2026-03-02T12:00:30Z',
};
const at = (iso: string) => Date.parse(iso);

afterEach(cleanup);

describe('an incoming offer', () => {
  it('shows its key facts, the SLA and the accept countdown, and accepts on click', () => {
    const onAccept = vi.fn();
    render(<OfferCard offer={offer} now={at('2026-03-02T12:00:20Z')} onAccept={onAccept} onReject={() => {}} busy={false} />);
    expect(screen.getByRole('heading').textContent).toContain('Water damage');
    expect(screen.getByText('CUST-17 (gold)')).toBeTruthy();
    expect(screen.getByText('Accept within 10s')).toBeTruthy();
    expect(screen.getByText(/On time: due in 29m/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Accept (A)' }));
    expect(onAccept).toHaveBeenCalledOnce();
  });

  it('cannot be accepted or rejected once the countdown ran out', () => {
    render(<OfferCard offer={offer} now={at('2026-03-02T12:00:31Z')} onAccept={() => {}} onReject={() => {}} busy={false} />);
    expect(screen.getByText('The offer has expired')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Accept (A)' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Reject (R)' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the SLA as at risk inside the warning window', () => {
    render(<OfferCard offer={offer} now={at('2026-03-02T12:20:00Z')} onAccept={() => {}} onReject={() => {}} busy={false} />);
    expect(screen.getByText(/At risk: due in 10m/)).toBeTruthy();
  });
});
