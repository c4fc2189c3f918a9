// GST on cinema admission (heading 9996), kept as dated data: rates change by notification, and
// the rate of a ticket is the one in force when it is supplied (sold), whatever the date of the show.
// Prices are GST-inclusive, as Indian cinemas display them; everything here is integer paise.
import { formatRupees } from './money';

export interface TGstSlab {
  /** Highest value before tax the slab covers, in paise; null for the open top slab. */
  maxBasePaise: number | null;
  ratePercent: number;
}

export interface TGstRateTable {
  /** The instant the table takes effect (India has one time zone: +05:30). */
  from: string;
  /** The notification that set it, for whoever audits a rate. */
  source: string;
  /** Ordered by value before tax; each slab's rate is above the one before. */
  slabs: readonly TGstSlab[];
}

/**
 * Admission to the exhibition of cinematograph films, by the date of supply. To follow a new rate
 * notification, add a table at the end with the instant it takes effect; never edit a past one,
 * since receipts already sent were worked out with it.
 */
export const CINEMA_ADMISSION_GST: readonly TGstRateTable[] = [
  {
    from: '2019-01-01T00:00:00+05:30',
    source: 'Notification 27/2018-Central Tax (Rate), 31 Dec 2018',
    slabs: [
      { maxBasePaise: 100_00, ratePercent: 12 },
      { maxBasePaise: null, ratePercent: 18 },
    ],
  },
  {
    from: '2025-09-22T00:00:00+05:30',
    source: 'Notification 15/2025-Central Tax (Rate), 17 Sep 2025',
    slabs: [
      { maxBasePaise: 100_00, ratePercent: 5 },
      { maxBasePaise: null, ratePercent: 18 },
    ],
  },
];

/** The rates a booking fee may carry: the GST rates for services since 22 September 2025. */
export const FEE_GST_RATES = [0, 5, 18, 40] as const;

export interface TGstSplit {
  /** The value before tax. */
  basePaise: number;
  gstPaise: number;
  ratePercent: number;
  /** Intra-state supply: GST is shown as equal CGST and SGST halves (the odd paisa goes to CGST). */
  cgstPaise: number;
  sgstPaise: number;
}

const starts = CINEMA_ADMISSION_GST.map((t) => Date.parse(t.from));

function checkTables(): void {
  CINEMA_ADMISSION_GST.forEach((table, i) => {
    if (Number.isNaN(starts[i]) || (i > 0 && starts[i]! <= starts[i - 1]!))
      throw new Error(`GST table ${i} must start after the one before`);
    table.slabs.forEach((slab, j) => {
      const last = j === table.slabs.length - 1;
      if (!Number.isInteger(slab.ratePercent) || slab.ratePercent < 0)
        throw new Error(`GST table ${i}: rates are whole percents`);
      if (last !== (slab.maxBasePaise === null))
        throw new Error(`GST table ${i}: only the last slab is open at the top`);
      if (j > 0 && slab.ratePercent <= table.slabs[j - 1]!.ratePercent)
        throw new Error(`GST table ${i}: each slab's rate must be above the one before`);
    });
  });
}
checkTables();

function checkPrice(inclusivePaise: number): void {
  if (!Number.isSafeInteger(inclusivePaise) || inclusivePaise < 0) {
    throw new RangeError(`price must be a non-negative integer of paise, got ${inclusivePaise}`);
  }
}

/** The value before tax of an inclusive price at a rate, rounded half up to the paisa (integer arithmetic). */
function baseAt(inclusivePaise: number, ratePercent: number): number {
  return Math.floor((2 * 100 * inclusivePaise + (100 + ratePercent)) / (2 * (100 + ratePercent)));
}

/** Splits an inclusive amount at one rate (a booking fee, or a ticket once its slab is known). */
export function splitGstAtRate(inclusivePaise: number, ratePercent: number): TGstSplit {
  checkPrice(inclusivePaise);
  if (!Number.isInteger(ratePercent) || ratePercent < 0)
    throw new RangeError(`rate must be a whole percent, got ${ratePercent}`);
  const basePaise = baseAt(inclusivePaise, ratePercent);
  const gstPaise = inclusivePaise - basePaise;
  const sgstPaise = Math.floor(gstPaise / 2);
  return { basePaise, gstPaise, ratePercent, cgstPaise: gstPaise - sgstPaise, sgstPaise };
}

/** The table in force at an instant. Throws before the first table: no sale is that old. */
export function gstTableAt(suppliedAt: Date): TGstRateTable {
  const t = suppliedAt.getTime();
  if (Number.isNaN(t)) throw new RangeError('the date of supply is not a valid date');
  let found = -1;
  for (let i = 0; i < starts.length && starts[i]! <= t; i++) found = i;
  if (found < 0) throw new RangeError(`no GST rates are kept for supplies before ${CINEMA_ADMISSION_GST[0]!.from}`);
  return CINEMA_ADMISSION_GST[found]!;
}

/** The tables in force at some moment from `from` to `to` (both included), oldest first. */
export function gstTablesBetween(from: Date, to: Date): TGstRateTable[] {
  const first = gstTableAt(from);
  return CINEMA_ADMISSION_GST.filter(
    (table, i) => table === first || (starts[i]! > from.getTime() && starts[i]! <= to.getTime()),
  );
}

/** The slab an inclusive price belongs to: the one whose rate puts its value before tax inside it. */
function slabOf(table: TGstRateTable, inclusivePaise: number): TGstSlab | null {
  let floor = -1;
  for (const slab of table.slabs) {
    const base = baseAt(inclusivePaise, slab.ratePercent);
    if (base > floor && (slab.maxBasePaise === null || base <= slab.maxBasePaise)) return slab;
    floor = slab.maxBasePaise ?? Infinity;
  }
  return null;
}

export interface TGstGap {
  /** The lowest and highest inclusive prices that fit no slab. */
  fromPaise: number;
  toPaise: number;
  lowerRatePercent: number;
  upperRatePercent: number;
  /** The slab boundary (value before tax) the gap sits on. */
  boundaryPaise: number;
}

/**
 * Inclusive prices no slab can carry. With inclusive prices, the highest price of a slab is its
 * top base plus its rate (₹100 + 5 % = ₹105.00) and the lowest price of the next is a paisa over its
 * top base plus the next rate (₹100.01 + 18 % = ₹118.01); what lies between has no base that fits
 * its own slab.
 */
export function gstGaps(table: TGstRateTable): TGstGap[] {
  const gaps: TGstGap[] = [];
  for (let j = 0; j + 1 < table.slabs.length; j++) {
    const lower = table.slabs[j]!;
    const upper = table.slabs[j + 1]!;
    const boundary = lower.maxBasePaise!;
    let highestBelow = Math.floor(((boundary + 1) * (100 + lower.ratePercent)) / 100) + 1;
    while (baseAt(highestBelow, lower.ratePercent) > boundary) highestBelow--;
    let lowestAbove = Math.floor((boundary * (100 + upper.ratePercent)) / 100);
    while (baseAt(lowestAbove, upper.ratePercent) <= boundary) lowestAbove++;
    if (lowestAbove > highestBelow + 1) {
      gaps.push({
        fromPaise: highestBelow + 1,
        toPaise: lowestAbove - 1,
        lowerRatePercent: lower.ratePercent,
        upperRatePercent: upper.ratePercent,
        boundaryPaise: boundary,
      });
    }
  }
  return gaps;
}

/**
 * Splits a GST-inclusive ticket price by the slab in force at the date of supply. A price in a gap
 * (sold before such prices were refused) is taxed at the higher of the two rates around it: no base
 * fits either slab, and the higher rate never pays the state less than it is owed.
 */
export function splitGst(inclusivePaise: number, suppliedAt: Date): TGstSplit {
  checkPrice(inclusivePaise);
  const table = gstTableAt(suppliedAt);
  const slab = slabOf(table, inclusivePaise);
  if (slab) return splitGstAtRate(inclusivePaise, slab.ratePercent);
  return splitGstAtRate(inclusivePaise, gstGapOf(inclusivePaise, [table])!.upperRatePercent);
}

/**
 * Why a ticket price cannot be charged while any of the tables is in force, naming the nearest
 * prices that can; null when it can be.
 */
export function gstPriceProblem(inclusivePaise: number, tables: readonly TGstRateTable[]): string | null {
  const gap = gstGapOf(inclusivePaise, tables);
  if (!gap) return null;
  return (
    `${formatRupees(inclusivePaise)} fits no GST slab: a ticket up to ${formatRupees(gap.boundaryPaise)} before tax carries ${gap.lowerRatePercent} %, ` +
    `one above it ${gap.upperRatePercent} %, so prices from ${formatRupees(gap.fromPaise)} to ${formatRupees(gap.toPaise)} cannot be charged. ` +
    `The nearest prices that can are ${formatRupees(gap.fromPaise - 1)} and ${formatRupees(gap.toPaise + 1)}.`
  );
}

/** The gap of any of the tables an inclusive price falls in; null when every table can carry it. */
export function gstGapOf(inclusivePaise: number, tables: readonly TGstRateTable[]): TGstGap | null {
  for (const table of tables) {
    const gap = gstGaps(table).find((g) => inclusivePaise >= g.fromPaise && inclusivePaise <= g.toPaise);
    if (gap) return gap;
  }
  return null;
}

/** The tables a price set now must fit: the one in force and every later one already notified. */
export function gstTablesFrom(now: Date): TGstRateTable[] {
  return gstTablesBetween(now, new Date(8.64e15));
}

export interface TGstLine extends TGstSplit {
  /** The inclusive amount the line covers. */
  amountPaise: number;
}

/**
 * Adds splits up by rate, as an invoice shows them: the GST of each rate is the sum of its lines,
 * and its CGST and SGST halves are taken of that sum (the odd paisa to CGST), so they differ by a
 * paisa at most however many tickets there are.
 */
export function summarizeGst(splits: readonly TGstSplit[]): TGstLine[] {
  const byRate = new Map<number, { basePaise: number; gstPaise: number }>();
  for (const s of splits) {
    const line = byRate.get(s.ratePercent) ?? { basePaise: 0, gstPaise: 0 };
    line.basePaise += s.basePaise;
    line.gstPaise += s.gstPaise;
    byRate.set(s.ratePercent, line);
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ratePercent, { basePaise, gstPaise }]) => {
      const sgstPaise = Math.floor(gstPaise / 2);
      return {
        ratePercent,
        basePaise,
        gstPaise,
        cgstPaise: gstPaise - sgstPaise,
        sgstPaise,
        amountPaise: basePaise + gstPaise,
      };
    });
}

export interface TBookingGst {
  /** The tickets' GST by rate. */
  tickets: TGstLine[];
  /** The booking fee's GST at the cinema's fee rate; null without a fee. */
  fee: TGstSplit | null;
  /** Every rupee of GST the booking carries. */
  totalGstPaise: number;
}

/**
 * The GST of a booking as its receipt shows it: each ticket taxed by its own slab on the date of
 * supply (when the booking was paid for), the booking fee at the cinema's fee rate.
 */
export function bookingGst({
  ticketPrices,
  feePaise,
  feeGstRatePercent,
  suppliedAt,
}: {
  ticketPrices: readonly number[];
  feePaise: number;
  feeGstRatePercent: number;
  suppliedAt: Date;
}): TBookingGst {
  const tickets = summarizeGst(ticketPrices.map((p) => splitGst(p, suppliedAt)));
  if (!(FEE_GST_RATES as readonly number[]).includes(feeGstRatePercent))
    throw new RangeError(`a booking fee carries GST at ${FEE_GST_RATES.join(', ')} %, not ${feeGstRatePercent} %`);
  const fee = feePaise > 0 ? splitGstAtRate(feePaise, feeGstRatePercent) : null;
  return { tickets, fee, totalGstPaise: tickets.reduce((sum, l) => sum + l.gstPaise, 0) + (fee?.gstPaise ?? 0) };
}

/** "includes GST ₹4.71 (5 % on ₹94.29: CGST ₹2.36 + SGST ₹2.35)", one line of a receipt. */
export function describeGst(line: TGstSplit): string {
  const { gstPaise, ratePercent, basePaise, cgstPaise, sgstPaise } = line;
  return `includes GST ${formatRupees(gstPaise)} (${ratePercent} % on ${formatRupees(basePaise)}: CGST ${formatRupees(cgstPaise)} + SGST ${formatRupees(sgstPaise)})`;
}

/** Each price of a list (seat type → inclusive paise) that cannot be charged under any of the tables, with why. */
export function priceListGstProblems(
  prices: Readonly<Partial<Record<string, number>>>,
  tables: readonly TGstRateTable[],
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [key, paise] of Object.entries(prices)) {
    const problem = paise === undefined ? null : gstPriceProblem(paise, tables);
    if (problem) problems[key] = problem;
  }
  return problems;
}
