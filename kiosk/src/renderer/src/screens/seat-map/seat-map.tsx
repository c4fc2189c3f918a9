// The seat map drawn from the screen's layout: seats on their grid (aisles are empty columns),
// the screen at the top, a legend, and every seat a real button with a spoken label.
//
// It fits the width it is given: on the kiosk (1080 px) and desktops seats are drawn at up to 48 px
// and nothing pans; on a phone the whole hall starts visible with small seats, and the customer
// zooms in (pinch, double-tap, or the +/− buttons) and pans with ordinary scrolling. Zooming
// changes the seats' drawn size (not a CSS transform), so the row letters can stay stuck to the
// left edge while panning, every seat stays inside the scrollable area, and taps land on what is
// drawn. No pan/zoom library: this costs nothing in the customer bundle.
import type { TSeat, TSeatMap, TSeatType } from '@marquee/shared';
import { formatRupees, SEAT_TYPES } from '@marquee/shared';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/i18n';
import { fitSeatSize, MAX_SEAT, SEAT_GAP, TOUCH_TARGET, ROW_LABEL, zoomInFrom, zoomOutFrom } from './seat-zoom';

export interface TSeatMapProps {
  map: Pick<TSeatMap, 'columns' | 'rows' | 'seats'> & Partial<Pick<TSeatMap, 'prices'>>;
  selected: ReadonlySet<string>;
  onToggle: (seat: TSeat) => void;
  /** Which seats can be touched; customers pick available ones, managers also blocked ones. */
  isSelectable?: (seat: TSeat) => boolean;
}

const availableOnly = (seat: TSeat) => seat.state === 'available';

const SYMBOL: Partial<Record<TSeatType, string>> = { WHEELCHAIR: '♿', COMPANION: '+' };

/** Where the content under a point should stay while the seats grow or shrink. */
interface TAnchor {
  /** The point as a fraction of the canvas width and height. */
  fx: number;
  fy: number;
  /** The point's position in the window. */
  clientX: number;
  clientY: number;
}

export function SeatMap({ map, selected, onToggle, isSelectable = availableOnly }: TSeatMapProps) {
  const { t } = useI18n();
  const viewport = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  // null: fitted to the width; a number: the seat size the customer zoomed to, in CSS pixels.
  const [zoom, setZoom] = useState<number | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const anchor = useRef<TAnchor | null>(null);
  const focusSeat = useRef<string | null>(null);
  const lastPointer = useRef<string>('mouse');

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') {
      window.addEventListener('resize', measure);
      return () => window.removeEventListener('resize', measure);
    }
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const fit = fitSeatSize(width, map.columns);
  const seat = zoom === null ? fit : Math.max(zoom, fit);
  const zoomable = fit < TOUCH_TARGET;

  // After the seats changed size, put the anchored point (or the seat tapped) back under the finger.
  useLayoutEffect(() => {
    const el = viewport.current;
    const content = canvas.current;
    if (!el || !content) return;
    if (focusSeat.current) {
      const button = content.querySelector<HTMLElement>(`[data-seat-id="${focusSeat.current}"]`);
      focusSeat.current = null;
      button?.scrollIntoView({ block: 'center', inline: 'center' });
      return;
    }
    const a = anchor.current;
    if (!a) return;
    anchor.current = null;
    const box = content.getBoundingClientRect();
    el.scrollLeft += box.left + a.fx * box.width - a.clientX;
    const dy = box.top + a.fy * box.height - a.clientY;
    if (dy) window.scrollBy(0, dy);
  }, [seat]);

  const anchorAt = useCallback((clientX: number, clientY: number) => {
    const box = canvas.current?.getBoundingClientRect();
    if (!box || !box.width || !box.height) return;
    anchor.current = {
      fx: (clientX - box.left) / box.width,
      fy: (clientY - box.top) / box.height,
      clientX,
      clientY,
    };
  }, []);

  const zoomTo = useCallback(
    (next: number | null, clientX?: number, clientY?: number) => {
      const el = viewport.current;
      if (el) {
        const view = el.getBoundingClientRect();
        anchorAt(clientX ?? view.left + view.width / 2, clientY ?? view.top + Math.min(view.height, innerHeight) / 2);
      }
      setZoom(next === null || next <= fit ? null : Math.min(next, MAX_SEAT));
    },
    [anchorAt, fit],
  );

  // Pinch: two fingers on the map set the seat size; the browser's own page zoom is off here
  // (touch-action), so the page around the map keeps its size. The listeners are added once and
  // read the current size and zoom through a ref (a pinch spans many renders).
  const live = useRef({ seat: 0, zoomable: false, zoomTo });
  useLayoutEffect(() => {
    live.current = { seat, zoomable, zoomTo };
  });
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    let start: { distance: number; size: number } | null = null;
    const distance = (e: TouchEvent) =>
      Math.hypot(e.touches[0]!.clientX - e.touches[1]!.clientX, e.touches[0]!.clientY - e.touches[1]!.clientY);
    const onStart = (e: TouchEvent) => {
      if (e.touches.length === 2 && live.current.zoomable) start = { distance: distance(e), size: live.current.seat };
    };
    const onMove = (e: TouchEvent) => {
      if (!start || e.touches.length !== 2) return;
      e.preventDefault();
      const x = (e.touches[0]!.clientX + e.touches[1]!.clientX) / 2;
      const y = (e.touches[0]!.clientY + e.touches[1]!.clientY) / 2;
      live.current.zoomTo((start.size * distance(e)) / start.distance, x, y);
    };
    const onEnd = (e: TouchEvent) => {
      if (e.touches.length < 2) start = null;
    };
    el.addEventListener('touchstart', onStart, { passive: true });
    el.addEventListener('touchmove', onMove, { passive: false });
    el.addEventListener('touchend', onEnd);
    el.addEventListener('touchcancel', onEnd);
    return () => {
      el.removeEventListener('touchstart', onStart);
      el.removeEventListener('touchmove', onMove);
      el.removeEventListener('touchend', onEnd);
      el.removeEventListener('touchcancel', onEnd);
    };
  }, []);

  const rows = [...new Set(map.seats.map((s) => `${s.y}:${s.row}`))].map((key) => {
    const [y, row] = key.split(':');
    return { y: Number(y), row: row! };
  });

  const onSeat = (s: TSeat) => {
    // A finger cannot see what it covers on seats this small, so the first tap zooms in on that
    // part of the hall and the next one picks the seat, as BookMyShow's and District's seat
    // layouts do on phones. A mouse or a keyboard (or a screen reader's activation, which is
    // announced below) picks at once.
    if (lastPointer.current !== 'mouse' && seat < TOUCH_TARGET) {
      focusSeat.current = s.id;
      setZoom(zoomInFrom(seat));
      setHint(t.seatMapZoomedIn);
      return;
    }
    setHint(null);
    onToggle(s);
  };

  const gap = Math.round(seat * SEAT_GAP);
  const style = {
    '--seat': `${seat}px`,
    '--seat-gap': `${gap}px`,
    '--row-label': `${ROW_LABEL}px`,
  } as CSSProperties;

  return (
    <div className="seat-map" style={style}>
      {zoomable && (
        <div className="seat-zoom" role="group" aria-label={t.seatMapZoom}>
          <button
            type="button"
            className="button seat-zoom-button"
            aria-label={t.seatMapZoomOut}
            disabled={zoom === null}
            onClick={() => zoomTo(zoomOutFrom(seat))}
          >
            −
          </button>
          <button
            type="button"
            className="button seat-zoom-button"
            aria-label={t.seatMapZoomIn}
            disabled={seat >= MAX_SEAT}
            onClick={() => zoomTo(zoomInFrom(seat))}
          >
            +
          </button>
        </div>
      )}
      <p className="seat-map-hint" aria-live="polite">
        {hint ?? (zoomable && zoom === null ? t.seatMapPinchHint : '')}
      </p>
      <div
        ref={viewport}
        className="seat-map-viewport"
        data-zoomed={zoom !== null}
        onPointerDown={(e) => {
          lastPointer.current = e.pointerType || 'mouse';
        }}
        onKeyDown={() => {
          lastPointer.current = 'mouse';
        }}
        onDoubleClick={(e) => {
          if (!zoomable || (e.target as HTMLElement).closest('.seat')) return;
          zoomTo(zoomInFrom(seat), e.clientX, e.clientY);
        }}
      >
        <div ref={canvas} className="seat-map-canvas">
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
            {map.seats.map((s) => {
              const isSelected = selected.has(s.id);
              const state = isSelected ? 'selected' : s.state;
              const visible = SYMBOL[s.type] ?? String(s.number);
              return (
                <button
                  key={s.id}
                  type="button"
                  data-seat-id={s.id}
                  className={`seat seat-${s.type.toLowerCase()} seat-${state}`}
                  style={{ gridColumn: s.x + 2, gridRow: s.y + 1 }}
                  // Begins with what the seat shows, so a voice-control user can say it.
                  aria-label={t.seatName(s.number, s.row, t.seatTypeNames[s.type], t.seatStateNames[state])}
                  aria-pressed={isSelected}
                  disabled={!isSelectable(s) && !isSelected}
                  onClick={() => onSeat(s)}
                >
                  {visible}
                </button>
              );
            })}
          </div>
        </div>
      </div>
      <SeatLegend map={map} />
    </div>
  );
}

/** The key: every seat type this show has, with its price, then what the states look like. */
export function SeatLegend({ map }: { map: TSeatMapProps['map'] }) {
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
      symbol: SYMBOL[type] ?? '',
      label: t.seatLegendTypes[type],
      price: price === undefined ? null : formatRupees(price),
    });
  }
  items.push({
    key: 'selected',
    className: 'seat-standard seat-selected',
    symbol: '',
    label: t.seatSelected,
    price: null,
  });
  if (states.has('held') || states.has('sold'))
    items.push({ key: 'taken', className: 'seat-standard seat-sold', symbol: '', label: t.seatTaken, price: null });
  if (states.has('blocked'))
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
