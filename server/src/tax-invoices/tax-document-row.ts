// A stored tax document as screens, emails and the API show it.
import { financialYearLabel, gstStateName, ZTaxLineSchema, type TTaxDocument } from '@marquee/shared';
import { z } from 'zod';

/** Stored lines are read back through their schema: a row that does not fit fails loudly, never prints wrong. */
const ZStoredLines = z.array(ZTaxLineSchema);

export interface TTaxDocumentRow {
  kind: 'INVOICE' | 'CREDIT_NOTE';
  number: string;
  issuedAt: Date;
  financialYear: number;
  sellerLegalName: string;
  sellerAddress: string;
  sellerGstin: string | null;
  placeOfSupply: string | null;
  lines: unknown;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  totalPaise: number;
}

export function toTaxDocument(row: TTaxDocumentRow): TTaxDocument {
  return {
    kind: row.kind,
    number: row.number,
    issuedAt: row.issuedAt.toISOString(),
    financialYear: financialYearLabel(row.financialYear),
    sellerLegalName: row.sellerLegalName,
    sellerAddress: row.sellerAddress,
    sellerGstin: row.sellerGstin,
    placeOfSupply: row.placeOfSupply
      ? { code: row.placeOfSupply, name: gstStateName(row.placeOfSupply) ?? row.placeOfSupply }
      : null,
    lines: ZStoredLines.parse(row.lines),
    totals: {
      taxablePaise: row.taxablePaise,
      cgstPaise: row.cgstPaise,
      sgstPaise: row.sgstPaise,
      totalPaise: row.totalPaise,
    },
  };
}
