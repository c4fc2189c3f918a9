// The month's GST returns of a cinema, from its stored tax documents: the B2C summary (GSTR-1
// Table 7), the document summary (Table 13), the totals and the register of every document. A
// document belongs to the India month it was issued in; its figures are read from the lines it was
// issued with, so the returns add up to the paisa to what the invoices and credit notes say.
import { gstStateName, returnMonthBounds, type TB2cRow, type TDocumentSeries, type TTaxReturns } from '@marquee/shared';
import type { TServices } from '../services';

type TDeps = Pick<TServices, 'pg'>;

/** "29-Karnataka", as the GST portal and its offline tool write a place of supply. */
export function placeOfSupplyLabel(code: string): string {
  const name = gstStateName(code);
  return name ? `${code}-${name}` : code;
}

const place = (code: string | null) => (code ? { code, label: placeOfSupplyLabel(code) } : null);

/** Sums of paise come back from Postgres as bigint text; a month's never exceed 2^53. */
const n = (v: string | number | null) => Number(v ?? 0);

/**
 * Table 7 rows: each line of the month's invoices added, each line of its credit notes subtracted,
 * by place of supply and the line's whole rate. A credit note counts in the month it was issued,
 * whatever the month of its invoice (a B2C credit note is reported net in Table 7).
 */
async function b2cRows({ pg }: TDeps, cinemaId: string, from: Date, to: Date): Promise<TB2cRow[]> {
  const { rows } = await pg.query<{
    placeOfSupply: string | null;
    rate: string;
    taxable: string;
    cgst: string;
    sgst: string;
  }>(
    `SELECT d."placeOfSupply", (l->>'ratePercent')::numeric AS rate,
            sum(s.sign * (l->>'taxablePaise')::bigint) AS taxable,
            sum(s.sign * (l->>'cgstPaise')::bigint) AS cgst,
            sum(s.sign * (l->>'sgstPaise')::bigint) AS sgst
       FROM "TaxDocument" d
       CROSS JOIN LATERAL (SELECT CASE WHEN d.kind = 'INVOICE' THEN 1 ELSE -1 END AS sign) s
       CROSS JOIN LATERAL jsonb_array_elements(d.lines::jsonb) l
      WHERE d."cinemaId" = $1 AND d."issuedAt" >= $2 AND d."issuedAt" < $3
      GROUP BY 1, 2
      ORDER BY 1 NULLS FIRST, 2`,
    [cinemaId, from, to],
  );
  return rows.map((r) => ({
    placeOfSupply: place(r.placeOfSupply),
    ratePercent: Number(r.rate),
    taxablePaise: n(r.taxable),
    cgstPaise: n(r.cgst),
    sgstPaise: n(r.sgst),
    cessPaise: 0,
  }));
}

const NATURE = { INVOICE: 'Invoices for outward supply', CREDIT_NOTE: 'Credit notes' } as const;

/**
 * Table 13 rows: one per kind and series (the number without its serial, so a prefix changed in the
 * month starts a second row), first and last number by serial, how many were issued.
 */
async function documentSeries({ pg }: TDeps, cinemaId: string, from: Date, to: Date): Promise<TDocumentSeries[]> {
  const { rows } = await pg.query<{ kind: 'INVOICE' | 'CREDIT_NOTE'; first: string; last: string; count: number }>(
    `SELECT kind::text, (array_agg(number ORDER BY serial))[1] AS first,
            (array_agg(number ORDER BY serial DESC))[1] AS last, count(*)::int AS count
       FROM "TaxDocument"
      WHERE "cinemaId" = $1 AND "issuedAt" >= $2 AND "issuedAt" < $3
      GROUP BY kind, "financialYear", regexp_replace(number, '[0-9]+$', '')
      ORDER BY kind::text = 'CREDIT_NOTE', min(serial)`,
    [cinemaId, from, to],
  );
  return rows.map((r) => ({
    kind: r.kind,
    nature: NATURE[r.kind],
    fromNumber: r.first,
    toNumber: r.last,
    totalNumber: r.count,
    cancelled: 0,
    netIssued: r.count,
  }));
}

async function totals({ pg }: TDeps, cinemaId: string, from: Date, to: Date): Promise<TTaxReturns['totals']> {
  const { rows } = await pg.query<{
    kind: 'INVOICE' | 'CREDIT_NOTE';
    documents: number;
    taxable: string;
    cgst: string;
    sgst: string;
    total: string;
  }>(
    `SELECT kind::text, count(*)::int AS documents, sum("taxablePaise") AS taxable, sum("cgstPaise") AS cgst,
            sum("sgstPaise") AS sgst, sum("totalPaise") AS total
       FROM "TaxDocument"
      WHERE "cinemaId" = $1 AND "issuedAt" >= $2 AND "issuedAt" < $3
      GROUP BY kind`,
    [cinemaId, from, to],
  );
  const of = (kind: 'INVOICE' | 'CREDIT_NOTE') => {
    const r = rows.find((x) => x.kind === kind);
    return {
      documents: r?.documents ?? 0,
      taxablePaise: n(r?.taxable ?? 0),
      cgstPaise: n(r?.cgst ?? 0),
      sgstPaise: n(r?.sgst ?? 0),
      totalPaise: n(r?.total ?? 0),
    };
  };
  const invoices = of('INVOICE');
  const creditNotes = of('CREDIT_NOTE');
  return {
    invoices,
    creditNotes,
    net: {
      documents: invoices.documents + creditNotes.documents,
      taxablePaise: invoices.taxablePaise - creditNotes.taxablePaise,
      cgstPaise: invoices.cgstPaise - creditNotes.cgstPaise,
      sgstPaise: invoices.sgstPaise - creditNotes.sgstPaise,
      totalPaise: invoices.totalPaise - creditNotes.totalPaise,
    },
  };
}

/**
 * Complimentary tickets of the month: confirmed bookings of the cinema with nothing to pay, which
 * have no invoice (no supply for consideration), by the India month they were confirmed in.
 */
const COMPLIMENTARY_FROM = `FROM "Booking" b JOIN "Showtime" st ON st.id = b."showtimeId" JOIN "Screen" sc ON sc.id = st."screenId"
      WHERE sc."cinemaId" = $1 AND b.status = 'CONFIRMED' AND b."amountPaise" = 0
        AND b."confirmedAt" >= $2 AND b."confirmedAt" < $3`;

export async function loadTaxReturns(deps: TDeps, { cinemaId, month }: { cinemaId: string; month: string }) {
  const { from, to } = returnMonthBounds(month);
  const [b2c, documents, sums, comps] = await Promise.all([
    b2cRows(deps, cinemaId, from, to),
    documentSeries(deps, cinemaId, from, to),
    totals(deps, cinemaId, from, to),
    deps.pg.query<{ count: number }>(`SELECT count(*)::int AS count ${COMPLIMENTARY_FROM}`, [cinemaId, from, to]),
  ]);
  return {
    month,
    b2c,
    documents,
    totals: sums,
    complimentary: comps.rows[0]!.count,
  } satisfies TTaxReturns;
}

export interface TRegisterRow {
  issuedAt: Date;
  type: 'Invoice' | 'Credit note' | 'Complimentary';
  number: string;
  bookingCode: string;
  invoiceNumber: string;
  placeOfSupply: string;
  /** Null for a complimentary ticket (no tax). */
  ratePercent: number | null;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  totalPaise: number;
  note: string;
}

/**
 * The month's register: one row per document and rate (a booking's seats at one slab and its fee at
 * another make two rows of one invoice), amounts as the document states them (a credit note's are
 * positive, as it was issued), then complimentary tickets; in order of issue.
 */
export async function loadTaxRegister(
  { pg }: TDeps,
  { cinemaId, month }: { cinemaId: string; month: string },
): Promise<TRegisterRow[]> {
  const { from, to } = returnMonthBounds(month);
  const docs = await pg.query<{
    issuedAt: Date;
    kind: 'INVOICE' | 'CREDIT_NOTE';
    number: string;
    code: string;
    invoiceNumber: string | null;
    placeOfSupply: string | null;
    rate: string;
    taxable: string;
    cgst: string;
    sgst: string;
    total: string;
  }>(
    `SELECT d."issuedAt", d.kind::text, d.number, b.code, i.number AS "invoiceNumber", d."placeOfSupply",
            (l->>'ratePercent')::numeric AS rate,
            sum((l->>'taxablePaise')::bigint) AS taxable, sum((l->>'cgstPaise')::bigint) AS cgst,
            sum((l->>'sgstPaise')::bigint) AS sgst, sum((l->>'amountPaise')::bigint) AS total
       FROM "TaxDocument" d
       JOIN "Booking" b ON b.id = d."bookingId"
       LEFT JOIN "TaxDocument" i ON i.id = d."invoiceId"
       CROSS JOIN LATERAL jsonb_array_elements(d.lines::jsonb) l
      WHERE d."cinemaId" = $1 AND d."issuedAt" >= $2 AND d."issuedAt" < $3
      GROUP BY d.id, b.code, i.number, rate
      ORDER BY d."issuedAt", d.kind, d.serial, rate`,
    [cinemaId, from, to],
  );
  const comps = await pg.query<{ confirmedAt: Date; code: string; statusReason: string | null }>(
    `SELECT b."confirmedAt", b.code, b."statusReason" ${COMPLIMENTARY_FROM} ORDER BY b."confirmedAt", b.code`,
    [cinemaId, from, to],
  );
  const state = await pg.query<{ gstStateCode: string | null }>(`SELECT "gstStateCode" FROM "Cinema" WHERE id = $1`, [
    cinemaId,
  ]);
  const cinemaPlace = state.rows[0]?.gstStateCode ?? null;
  const rows: TRegisterRow[] = docs.rows.map((r) => ({
    issuedAt: r.issuedAt,
    type: r.kind === 'INVOICE' ? 'Invoice' : 'Credit note',
    number: r.number,
    bookingCode: r.code,
    invoiceNumber: r.invoiceNumber ?? '',
    placeOfSupply: r.placeOfSupply ? placeOfSupplyLabel(r.placeOfSupply) : '',
    ratePercent: Number(r.rate),
    taxablePaise: n(r.taxable),
    cgstPaise: n(r.cgst),
    sgstPaise: n(r.sgst),
    totalPaise: n(r.total),
    note: '',
  }));
  for (const c of comps.rows)
    rows.push({
      issuedAt: c.confirmedAt,
      type: 'Complimentary',
      number: '',
      bookingCode: c.code,
      invoiceNumber: '',
      placeOfSupply: cinemaPlace ? placeOfSupplyLabel(cinemaPlace) : '',
      ratePercent: null,
      taxablePaise: 0,
      cgstPaise: 0,
      sgstPaise: 0,
      totalPaise: 0,
      note: c.statusReason || 'complimentary',
    });
  // Stable: documents keep their order among themselves, complimentary tickets fall in by time.
  return rows.sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
}
