// The next numbers of a cinema's series, taken from its counter row in the caller's transaction.
// INSERT … ON CONFLICT DO UPDATE locks the row until that transaction ends, so concurrent issuers
// on any number of processes queue on it: the series follows the order of their commits, and a
// transaction that rolls back gives its numbers back to the next one. No gap, no repeat.
import { financialYearOf, taxDocumentNumber, type TTaxDocumentKind } from '@marquee/shared';
import type { TSql } from '../db/prisma';

export interface TAllocatedNumbers {
  financialYear: number;
  /** The serials taken, in order, and their numbers. */
  serials: number[];
  numbers: string[];
  /** The documents' date: the issuing transaction's time, never earlier than the last of the series. */
  issuedAt: Date;
}

/** Takes `count` consecutive numbers of the series `now` falls in (its financial year, India time). */
export async function allocateTaxDocumentNumbers(
  tx: TSql,
  {
    cinemaId,
    prefix,
    kind,
    now,
    count,
  }: { cinemaId: string; prefix: string; kind: TTaxDocumentKind; now: Date; count: number },
): Promise<TAllocatedNumbers> {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const financialYear = financialYearOf(now);
  const { rows } = await tx.query<{ lastSerial: number; lastIssuedAt: Date }>(
    `INSERT INTO "TaxDocumentCounter" ("cinemaId", kind, "financialYear", "lastSerial", "lastIssuedAt")
     VALUES ($1, $2::"TaxDocumentKind", $3, $5, $4)
     ON CONFLICT ("cinemaId", kind, "financialYear") DO UPDATE
       SET "lastSerial" = "TaxDocumentCounter"."lastSerial" + EXCLUDED."lastSerial",
           "lastIssuedAt" = GREATEST("TaxDocumentCounter"."lastIssuedAt", EXCLUDED."lastIssuedAt")
     RETURNING "lastSerial", "lastIssuedAt"`,
    [cinemaId, kind, financialYear, now, count],
  );
  const { lastSerial, lastIssuedAt } = rows[0]!;
  const serials = Array.from({ length: count }, (_, i) => lastSerial - count + 1 + i);
  return {
    financialYear,
    serials,
    numbers: serials.map((serial) => taxDocumentNumber({ prefix, kind, financialYear, serial })),
    issuedAt: lastIssuedAt,
  };
}
