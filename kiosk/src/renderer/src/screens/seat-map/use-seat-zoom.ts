// The seat map's zoom: the seat size that fits the width given, or the size the customer zoomed to
// (pinch, double-tap, the +/− buttons, or a first tap on seats too small for a finger), and keeping
// the point zoomed at under the finger while the seats change size.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { fitSeatSize, MAX_SEAT, TOUCH_TARGET, zoomInFrom } from './seat-zoom';

/** Where the content under a point should stay while the seats grow or shrink. */
interface TAnchor {
  /** The point as a fraction of the canvas width and height. */
  fx: number;
  fy: number;
  /** The point's position in the window. */
  clientX: number;
  clientY: number;
}

export function useSeatZoom(columns: number) {
  const viewport = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  // null: fitted to the width; a number: the seat size the customer zoomed to, in CSS pixels.
  const [zoom, setZoom] = useState<number | null>(null);
  const anchor = useRef<TAnchor | null>(null);
  const focusSeat = useRef<string | null>(null);

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

  const fit = fitSeatSize(width, columns);
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

  /** Zooms in one step on the part of the hall around this seat (a first tap on seats too small for a finger). */
  const zoomInOnSeat = (seatId: string) => {
    focusSeat.current = seatId;
    setZoom(zoomInFrom(seat));
  };

  return { viewport, canvas, seat, zoom, zoomable, zoomTo, zoomInOnSeat };
}
