// Seat sizes of the zoomable seat map, in CSS pixels. Pure, so they are tested without a browser.

/** The biggest seat the map draws when fitted: the kiosk's seat, a comfortable touch at arm's length. */
export const MAX_FIT = 48;
/** The smallest seat a finger should be asked to pick (Apple's and WCAG 2.5.5's 44 px). */
export const TOUCH_TARGET = 44;
/** The biggest seat zooming in reaches. */
export const MAX_SEAT = 72;
/** The gap between seats, as a share of the seat size. */
export const SEAT_GAP = 0.125;
/** The row-letter column. */
export const ROW_LABEL = 28;
const MIN_SEAT = 6;

/** The grid's width with seats of `seat` px: the row letters, then a gap and a seat per column. */
export function gridWidth(seat: number, columns: number): number {
  return ROW_LABEL + columns * (seat + Math.round(seat * SEAT_GAP));
}

/** The biggest seat, up to MAX_FIT, with which every column fits in `width`; MAX_FIT before the width is known. */
export function fitSeatSize(width: number, columns: number): number {
  if (width <= 0 || columns <= 0) return MAX_FIT;
  let seat = MAX_FIT;
  while (seat > MIN_SEAT && gridWidth(seat, columns) > width) seat -= 1;
  return seat;
}

/** One step in: half as big again, and at least a comfortable touch target. */
export function zoomInFrom(seat: number): number {
  return Math.min(MAX_SEAT, Math.max(TOUCH_TARGET + 4, Math.round(seat * 1.5)));
}

/** One step out; the caller returns to the fitted map once this is no bigger than the fit. */
export function zoomOutFrom(seat: number): number {
  return Math.round(seat / 1.5);
}
