// How long the kiosk waits for a customer who stopped touching it, and how long it shows what only
// that customer should see.

export interface TKioskTimings {
  /** Without a touch this long, ask "Still there?"; start over `warnMs` later. */
  idleMs: number;
  warnMs: number;
  /**
   * The same while a payment may be under way (QR up, Checkout open): approving a UPI payment on
   * a phone often takes 30-90 s, and starting over then would release the seats being paid for.
   */
  payingIdleMs: number;
  payingWarnMs: number;
  /**
   * A failed print shows the booking code and a Reprint button this long, then leaves by itself:
   * the next person in the queue must not reprint someone else's tickets or read their code.
   */
  printFailedMs: number;
}

export const KIOSK_TIMINGS: TKioskTimings = {
  idleMs: 60_000,
  warnMs: 20_000,
  payingIdleMs: 240_000,
  payingWarnMs: 30_000,
  printFailedMs: 60_000,
};

/**
 * Timings from the page's query string (`?idleMs=…`), for the kiosk UI in a browser (the browser
 * journeys shorten them); anything missing or below a second keeps its default.
 */
export function kioskTimingsFrom(search: string): TKioskTimings {
  const params = new URLSearchParams(search);
  const read = (key: keyof TKioskTimings) => {
    const value = Number(params.get(key));
    return Number.isInteger(value) && value >= 1_000 ? value : KIOSK_TIMINGS[key];
  };
  return {
    idleMs: read('idleMs'),
    warnMs: read('warnMs'),
    payingIdleMs: read('payingIdleMs'),
    payingWarnMs: read('payingWarnMs'),
    printFailedMs: read('printFailedMs'),
  };
}
