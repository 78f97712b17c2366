import { useState } from 'react';
import { t } from '../../i18n';
import type { Dimension, Tile } from '../../shared/api/types';
import { formatDuration } from '../../shared/time';
import { useNow } from '../../shared/useNow';
import { useLive, useSupervisorLive } from './api';
import { DayChart } from './DayChart';
import { EscalationAlerts } from './EscalationAlerts';
import { PeopleBoard } from './PeopleBoard';

const DIMENSIONS: Exclude<Dimension, 'all'>[] = ['department', 'process', 'queue'];

function TileCard({ tile, now, label, selected, onSelect }: { tile: Tile; now: number; label: string; selected: boolean; onSelect: () => void }) {
  const numbers: [string, number | string, string?][] = [
    [t('sup.tile.waiting'), tile.waiting, 'waiting'],
    [t('sup.tile.offered'), tile.offered, 'offered'],
    [t('sup.tile.inProgress'), tile.inProgress, 'inProgress'],
    [t('sup.tile.atRisk'), tile.atRisk, tile.atRisk > 0 ? 'warn' : undefined],
    [t('sup.tile.overdue'), tile.overdue, tile.overdue > 0 ? 'bad' : undefined],
    [t('sup.tile.held'), tile.held],
    [t('sup.tile.oldest'), tile.oldestWaitingSince ? formatDuration(now - Date.parse(tile.oldestWaitingSince)) : '–'],
    [t('sup.tile.serviceLevel'), tile.serviceLevelToday === undefined || tile.serviceLevelToday === null ? '–' : `${tile.serviceLevelToday}%`],
    [t('sup.tile.completed'), tile.completedToday],
  ];
  return (
    <li className={`tile ${selected ? 'selected' : ''}`} data-testid={`tile-${tile.key || 'none'}`}>
      <h3>
        <button type="button" className="link" onClick={onSelect} aria-pressed={selected}>
          {label}
        </button>
      </h3>
      <dl>
        {numbers.map(([name, value, cls]) => (
          <div key={name} className={`num ${cls ?? ''}`}>
            <dt>{name}</dt>
            <dd data-field={cls}>{value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

export function SupervisorPage() {
  useSupervisorLive();
  const now = useNow();
  const [dimension, setDimension] = useState<Exclude<Dimension, 'all'>>('department');
  const [chartKey, setChartKey] = useState<{ d: Dimension; key: string }>({ d: 'all', key: '' });
  const site = useLive('all');
  const live = useLive(dimension);
  const label = (key: string) => key || t('sup.none');
  const siteTile = site.data?.tiles[0];
  return (
    <div className="supervisor">
      <h1>{t('sup.heading')}</h1>
      <div className="row">
        <fieldset className="segmented">
          <legend>{t('sup.groupBy')}</legend>
          {DIMENSIONS.map((d) => (
            <label key={d}>
              <input type="radio" name="dimension" value={d} checked={dimension === d} onChange={() => setDimension(d)} />
              {t(`sup.dimension.${d}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <ul className="tiles" aria-label={t('sup.heading')}>
        {siteTile && (
          <TileCard
            tile={siteTile}
            now={now}
            label={t('sup.site')}
            selected={chartKey.d === 'all'}
            onSelect={() => setChartKey({ d: 'all', key: '' })}
          />
        )}
        {live.data?.tiles.map((tile) => (
          <TileCard
            key={tile.key}
            tile={tile}
            now={now}
            label={label(tile.key)}
            selected={chartKey.d === dimension && chartKey.key === tile.key}
            onSelect={() => setChartKey({ d: dimension, key: tile.key })}
          />
        ))}
      </ul>
      {live.data && live.data.tiles.length === 0 && <p className="quiet">{t('sup.noData')}</p>}
      <EscalationAlerts />
      <DayChart dimension={chartKey.d} keyName={chartKey.key} label={chartKey.d === 'all' ? t('sup.site') : label(chartKey.key)} />
      <PeopleBoard now={now} />
    </div>
  );
}
