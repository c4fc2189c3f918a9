// The seat map drawn from the screen's layout: seats on their grid (aisles are empty columns),
// the screen at the top, a legend, and every seat a real button with a spoken label.
import type { TSeat, TSeatMap } from '@marquee/shared';
import { useI18n } from '../../i18n/i18n';

export interface TSeatMapProps {
  map: Pick<TSeatMap, 'columns' | 'rows' | 'seats'>;
  selected: ReadonlySet<string>;
  onToggle: (seat: TSeat) => void;
  /** Which seats can be touched; customers pick available ones, managers also blocked ones. */
  isSelectable?: (seat: TSeat) => boolean;
}

const availableOnly = (seat: TSeat) => seat.state === 'available';

const SYMBOL: Partial<Record<TSeat['type'], string>> = { WHEELCHAIR: '♿', COMPANION: '+' };

export function SeatMap({ map, selected, onToggle, isSelectable = availableOnly }: TSeatMapProps) {
  const { t } = useI18n();
  const rows = [...new Set(map.seats.map((s) => `${s.y}:${s.row}`))].map((key) => {
    const [y, row] = key.split(':');
    return { y: Number(y), row: row! };
  });
  return (
    <div className="seat-map">
      <div className="screen-edge" aria-hidden="true">
        {t.allEyesHere}
      </div>
      <div
        className="seat-grid"
        role="group"
        aria-label={t.pickSeats}
        style={{
          gridTemplateColumns: `var(--row-label) repeat(${map.columns}, var(--seat))`,
          gridTemplateRows: `repeat(${map.rows}, var(--seat))`,
        }}
      >
        {rows.map(({ y, row }) => (
          <span key={`row-${y}`} className="row-label" aria-hidden="true" style={{ gridColumn: 1, gridRow: y + 1 }}>
            {row}
          </span>
        ))}
        {map.seats.map((seat) => {
          const isSelected = selected.has(seat.id);
          const state = isSelected ? 'selected' : seat.state;
          return (
            <button
              key={seat.id}
              type="button"
              className={`seat seat-${seat.type.toLowerCase()} seat-${state}`}
              style={{ gridColumn: seat.x + 2, gridRow: seat.y + 1 }}
              aria-label={t.seatLabel(seat.label, t.seatTypeNames[seat.type], t.seatStateNames[state])}
              aria-pressed={isSelected}
              disabled={!isSelectable(seat) && !isSelected}
              onClick={() => onToggle(seat)}
            >
              {SYMBOL[seat.type] ?? seat.number}
            </button>
          );
        })}
      </div>
      <SeatLegend />
    </div>
  );
}

function SeatLegend() {
  const { t } = useI18n();
  const items: [string, string, string][] = [
    ['seat-available', '', t.seatAvailable],
    ['seat-selected', '', t.seatSelected],
    ['seat-sold', '', t.seatTaken],
    ['seat-wheelchair seat-available', '♿', t.seatWheelchair],
    ['seat-companion seat-available', '+', t.seatCompanion],
  ];
  return (
    <ul className="seat-legend" aria-label={t.seatLegend}>
      {items.map(([className, symbol, label]) => (
        <li key={label}>
          <span className={`seat legend-swatch ${className}`} aria-hidden="true">
            {symbol}
          </span>
          {label}
        </li>
      ))}
    </ul>
  );
}
