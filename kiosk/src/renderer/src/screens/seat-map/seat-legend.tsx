// The key under a seat map: every seat type the show has, with its price, then what the states look like.
import type { TSeatMap, TSeatType } from '@marquee/shared';
import { formatRupees, SEAT_TYPES } from '@marquee/shared';
import { useI18n } from '../../i18n/i18n';

/** What a seat of this type shows instead of its number (the same on the map and in the key). */
export const SEAT_SYMBOL: Partial<Record<TSeatType, string>> = { WHEELCHAIR: '♿', COMPANION: '+' };

/**
 * The key: every seat type this show has, with its price, then what the states look like. For staff
 * (the dashboard, English only) the picked seats are "Selected", and "Blocked" is always listed.
 */
export function SeatLegend({
  map,
  forStaff = false,
}: {
  map: Pick<TSeatMap, 'seats'> & Partial<Pick<TSeatMap, 'prices'>>;
  forStaff?: boolean;
}) {
  const { t } = useI18n();
  const present = new Set(map.seats.map((s) => s.type));
  const prices = new Map(map.prices?.map((p) => [p.seatType, p.pricePaise]));
  const states = new Set(map.seats.map((s) => s.state));
  const items: { key: string; className: string; symbol: string; label: string; price: string | null }[] = [];
  for (const type of SEAT_TYPES) {
    if (!present.has(type)) continue;
    const price = prices.get(type);
    items.push({
      key: type,
      className: `seat-${type.toLowerCase()} seat-available`,
      symbol: SEAT_SYMBOL[type] ?? '',
      label: t.seatLegendTypes[type],
      price: price === undefined ? null : formatRupees(price),
    });
  }
  items.push({
    key: 'selected',
    className: 'seat-standard seat-selected',
    symbol: '',
    label: forStaff ? 'Selected' : t.seatSelected,
    price: null,
  });
  if (states.has('held') || states.has('sold'))
    items.push({ key: 'taken', className: 'seat-standard seat-sold', symbol: '', label: t.seatTaken, price: null });
  if (forStaff || states.has('blocked'))
    items.push({
      key: 'blocked',
      className: 'seat-standard seat-blocked',
      symbol: '',
      label: t.seatBlocked,
      price: null,
    });
  return (
    <ul className="seat-legend" aria-label={t.seatLegend}>
      {items.map((item) => (
        <li key={item.key}>
          <span className={`seat legend-swatch ${item.className}`} aria-hidden="true">
            {item.symbol}
          </span>
          <span>
            {item.label}
            {item.price && <span className="legend-price"> {item.price}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
