import { t } from '../../i18n';
import { formatTime } from '../../shared/time';
import { linePath, linearScale, niceMax } from './chart';
import { useDay } from './api';
import type { Dimension } from '../../shared/api/types';

const W = 520;
const H = 150;
const PAD = { left: 36, right: 10, top: 10, bottom: 22 };

/** Backlog and service level over today, as two small line charts with a table fallback for screen readers. */
export function DayChart({ dimension, keyName, label }: { dimension: Dimension; keyName: string; label: string }) {
  const day = useDay(dimension, keyName);
  if (!day.data) return null;
  const from = Date.parse(day.data.from);
  const to = from + 24 * 3600 * 1000;
  const x = linearScale([from, to], [PAD.left, W - PAD.right]);
  const backlog = day.data.backlog.map((b) => ({ t: Date.parse(b.at), v: b.waiting + b.inProgress }));
  const sl = day.data.flow
    .filter((f) => f.serviceLevelSoFar !== undefined && f.serviceLevelSoFar !== null)
    .map((f) => ({ t: Date.parse(f.hour) + 3600 * 1000, v: f.serviceLevelSoFar as number }));
  const maxBacklog = niceMax(Math.max(0, ...backlog.map((b) => b.v)));
  const yB = linearScale([0, maxBacklog], [H - PAD.bottom, PAD.top]);
  const yS = linearScale([0, 100], [H - PAD.bottom, PAD.top]);
  const hours = [0, 6, 12, 18, 24].map((h) => from + h * 3600 * 1000);
  const axis = (y: (v: number) => number, top: number) => (
    <g className="axis" aria-hidden="true">
      <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
      <text x={PAD.left - 4} y={y(top) + 4} textAnchor="end">
        {top}
      </text>
      <text x={PAD.left - 4} y={y(0)} textAnchor="end">
        0
      </text>
      {hours.map((h) => (
        <text key={h} x={x(h)} y={H - 6} textAnchor="middle">
          {formatTime(new Date(h).toISOString())}
        </text>
      ))}
    </g>
  );
  return (
    <section className="charts" aria-label={t('sup.chart.heading', { key: label })}>
      <h3>{t('sup.chart.heading', { key: label })}</h3>
      <div className="chart-row">
        <figure>
          <figcaption>{t('sup.chart.backlog')}</figcaption>
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('sup.chart.backlog')}>
            {axis(yB, maxBacklog)}
            <path className="line backlog" d={linePath(backlog.map((b) => ({ x: x(b.t), y: yB(b.v) })))} />
            {backlog.map((b) => (
              <circle key={b.t} className="dot backlog" cx={x(b.t)} cy={yB(b.v)} r={2.5} />
            ))}
          </svg>
        </figure>
        <figure>
          <figcaption>{t('sup.chart.serviceLevel')}</figcaption>
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('sup.chart.serviceLevel')}>
            {axis(yS, 100)}
            <path className="line sl" d={linePath(sl.map((s) => ({ x: x(s.t), y: yS(s.v) })))} />
            {sl.map((s) => (
              <circle key={s.t} className="dot sl" cx={x(s.t)} cy={yS(s.v)} r={2.5} />
            ))}
            {sl.length === 0 && (
              <text x={W / 2} y={H / 2} textAnchor="middle" className="quiet">
                {t('sup.chart.empty')}
              </text>
            )}
          </svg>
        </figure>
      </div>
    </section>
  );
}
