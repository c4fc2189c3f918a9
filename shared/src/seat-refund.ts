// What giving back some seats of a paid booking is worth, and the credit note lines that say so.
// Pure: the server refunds with it, the dashboard quotes with it, and a property test proves the
// parts add up to the paisa however a booking is refunded seat by seat.
import { splitGstAtRate } from './gst';
import { taxTotals, type TTaxLine, type TTaxTotals } from './tax-invoice';

/**
 * The booking fee a booking keeps while `remaining` of its `seats` stand: the fee in proportion,
 * rounded down. A seat refund gives back the difference this makes, so the shares of every refund
 * of a booking add up to its whole fee when its last seat goes, and never to more.
 */
export function feeKeptPaise(feePaise: number, seats: number, remaining: number): number {
  if (!Number.isSafeInteger(feePaise) || feePaise < 0)
    throw new RangeError(`fee must be a non-negative integer of paise, got ${feePaise}`);
  if (!Number.isSafeInteger(seats) || seats < 1) throw new RangeError(`seats must be at least 1, got ${seats}`);
  if (!Number.isSafeInteger(remaining) || remaining < 0 || remaining > seats)
    throw new RangeError(`remaining seats must be between 0 and ${seats}, got ${remaining}`);
  return Math.floor((feePaise * remaining) / seats);
}

export interface TSeatRefundInput {
  /** Every seat the booking was confirmed with, and its price (GST included). */
  seats: readonly { label: string; pricePaise: number }[];
  feePaise: number;
  /** Labels of the seats still standing before this refund. */
  standing: readonly string[];
  /** Labels of the seats this refund gives back: some of `standing`. */
  refunding: readonly string[];
}

export interface TSeatRefund {
  /** What the customer gets back: the seats' prices and the fee share. */
  amountPaise: number;
  feePaise: number;
  seatsPaise: number;
}

/** The refund of some standing seats of a booking (see feeKeptPaise for the fee's share). */
export function seatRefund({ seats, feePaise, standing, refunding }: TSeatRefundInput): TSeatRefund {
  const price = new Map(seats.map((s) => [s.label, s.pricePaise]));
  const standingSet = new Set(standing);
  if (refunding.length === 0) throw new RangeError('choose at least one seat to refund');
  if (new Set(refunding).size !== refunding.length) throw new RangeError('a seat is listed twice');
  for (const label of refunding)
    if (!standingSet.has(label)) throw new RangeError(`seat ${label} is not a standing seat of the booking`);
  for (const label of standing) if (!price.has(label)) throw new RangeError(`seat ${label} is not in the booking`);
  const seatsPaise = refunding.reduce((sum, label) => sum + price.get(label)!, 0);
  const fee =
    feeKeptPaise(feePaise, seats.length, standing.length) -
    feeKeptPaise(feePaise, seats.length, standing.length - refunding.length);
  return { amountPaise: seatsPaise + fee, feePaise: fee, seatsPaise };
}

/**
 * The lines of a seat refund's credit note: the invoice's own lines of the seats given back, and
 * the fee line's share. The fee's tax is the invoice's fee line as it stood before less as it
 * stands after (each worked out as the invoice works out a fee), so the credit notes of a booking
 * refunded seat by seat reverse its invoice exactly, paisa for paisa, line for line.
 */
export function creditNoteLines(
  invoiceLines: readonly TTaxLine[],
  { seats, feePaise, standing, refunding }: TSeatRefundInput,
): { lines: TTaxLine[]; totals: TTaxTotals } {
  const refund = seatRefund({ seats, feePaise, standing, refunding });
  const giving = new Set(refunding);
  const lines = invoiceLines.filter((l) => l.kind === 'ADMISSION' && l.seatLabel && giving.has(l.seatLabel));
  if (lines.length !== refunding.length) throw new RangeError('the invoice has no line for a seat being refunded');
  const feeLine = invoiceLines.find((l) => l.kind === 'FEE');
  if (refund.feePaise > 0 && feeLine) {
    const before = feeKeptPaise(feePaise, seats.length, standing.length);
    const after = before - refund.feePaise;
    const at = (paise: number) => splitGstAtRate(paise, feeLine.ratePercent);
    const [b, a] = [at(before), at(after)];
    lines.push({
      ...feeLine,
      description:
        refunding.length === seats.length
          ? feeLine.description
          : `Booking fee, ${refunding.length} of ${seats.length} seats`,
      taxablePaise: b.basePaise - a.basePaise,
      cgstPaise: b.cgstPaise - a.cgstPaise,
      sgstPaise: b.sgstPaise - a.sgstPaise,
      amountPaise: refund.feePaise,
    });
  }
  return { lines, totals: taxTotals(lines) };
}
