// The seat map drawn from the screen's layout: seats on their grid (aisles are empty columns),
// the screen at the top, a legend, and every seat a real button with a spoken label.
//
// It fits the width it is given: on the kiosk (1080 px) and desktops seats are drawn at up to 48 px
// and nothing pans; on a phone the whole hall starts visible with small seats, and the customer
// zooms in (pinch, double-tap, or the +/− buttons) and pans with ordinary scrolling. Zooming
// changes the seats' drawn size (not a CSS transform), so the row letters can stay stuck to the
// left edge while panning, every seat stays inside the scrollable area, and taps land on what is
// drawn. No pan/zoom library: this costs nothing in the customer bundle.
import type { TSeat, TSeatMap } from '@marquee/shared';
import { useRef, useState, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/i18n';
import { SEAT_SYMBOL, SeatLegend } from './seat-legend';
import { MAX_SEAT, SEAT_GAP, TOUCH_TARGET, ROW_LABEL, zoomInFrom, zoomOutFrom } from './seat-zoom';
import { useSeatZoom } from './use-seat-zoom';

export interface TSeatMapProps {
  map: Pick<TSeatMap, 'columns' | 'rows' | 'seats'> & Partial<Pick<TSeatMap, 'prices'>>;
  selected: ReadonlySet<string>;
  onToggle: (seat: TSeat) => void;
  /** Which seats can be touched; customers pick available ones, managers also blocked ones. */
  isSelectable?: (seat: TSeat) => boolean;
  /** Staff maps: a note per seat (why it is blocked), shown as its tooltip and said after its name. */
  notes?: ReadonlyMap<string, string>;
  /** Staff maps: the key says "Selected" (not "Your seat") and always shows "Blocked". */
  forStaff?: boolean;
}

const availableOnly = (seat: TSeat) => seat.state === 'available';

export function SeatMap({
  map,
  selected,
  onToggle,
  isSelectable = availableOnly,
  notes,
  forStaff = false,
}: TSeatMapProps) {
  const { t } = useI18n();
  const { viewport, canvas, seat, zoom, zoomable, zoomTo, zoomInOnSeat } = useSeatZoom(map.columns);
  const [hint, setHint] = useState<string | null>(null);
  const lastPointer = useRef<string>('mouse');

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
      zoomInOnSeat(s.id);
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
              const visible = SEAT_SYMBOL[s.type] ?? String(s.number);
              const note = notes?.get(s.id);
              const name = t.seatName(s.number, s.row, t.seatTypeNames[s.type], t.seatStateNames[state]);
              return (
                <button
                  key={s.id}
                  type="button"
                  data-seat-id={s.id}
                  className={`seat seat-${s.type.toLowerCase()} seat-${state}`}
                  style={{ gridColumn: s.x + 2, gridRow: s.y + 1 }}
                  // Begins with what the seat shows, so a voice-control user can say it.
                  aria-label={note ? `${name}, ${note}` : name}
                  title={note}
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
      <SeatLegend map={map} forStaff={forStaff} />
    </div>
  );
}
