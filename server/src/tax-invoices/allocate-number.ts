// The next number of a cinema's series, taken from its counter row in the caller's transaction.
// INSERT … ON CONFLICT DO UPDATE locks the row until that transaction ends, so concurrent issuers
// on any number of processes queue on it: the series follows the order of their commits, and a
// transaction that rolls back gives its number back to the next one. No gap, no repeat.
import { financialYearOf, taxDocumentNumber, type TTaxDocumentKind } from '@marquee/shared';
import type { TSql } from '../db/prisma';

export interface TAllocatedNumber {
  financialYear: number;
  serial: number;
  number: string;
  /** The document's date: the issuing transaction's time, never earlier than the last of the series. */
  issuedAt: Date;
}

export async function allocateTaxDocumentNumber(
  tx: TSql,
  { cinemaId, prefix, kind, now }: { cinemaId: string; prefix: string; kind: TTaxDocumentKind; now: Date },
): Promise<TAllocatedNumber> {
  const financialYear = financialYearOf(now);
  const { rows } = await tx.query<{ lastSerial: number; lastIssuedAt: Date }>(
    `INSERT INTO "TaxDocumentCounter" ("cinemaId", kind, "financialYear", "lastSerial", "lastIssuedAt")
     VALUES ($1, $2::"TaxDocumentKind", $3, 1, $4)
     ON CONFLICT ("cinemaId", kind, "financialYear") DO UPDATE
       SET "lastSerial" = "TaxDocumentCounter"."lastSerial" + 1,
           "lastIssuedAt" = GREATEST("TaxDocumentCounter"."lastIssuedAt", EXCLUDED."lastIssuedAt")
     RETURNING "lastSerial", "lastIssuedAt"`,
    [cinemaId, kind, financialYear, now],
  );
  const { lastSerial: serial, lastIssuedAt: issuedAt } = rows[0]!;
  return { financialYear, serial, number: taxDocumentNumber({ prefix, kind, financialYear, serial }), issuedAt };
}
