// Cash shifts: a staff member opens one with a float in the drawer; every cash sale, cash
// difference of an exchange and cash refund is recorded against it; closing it records the cash
// counted beside what the drawer should hold. One open shift per staff member (a partial unique
// index), so two tabs opening at once open one.
import type { TCashShift } from '@marquee/shared';
import { v7 as uuidv7 } from 'uuid';
import type { TStaffActor } from '../audit/record-audit';
import { recordAudit } from '../audit/record-audit';
import type { TSql } from '../db/prisma';
import { withTransaction } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { isUniqueViolation } from '../errors/unique-violation';
import type { TServices } from '../services';

/** The shift's row with its figures worked out from the payments and refunds recorded against it. */
const SHIFT_SELECT = `
  SELECT sh.id::text, o.name AS "openedBy", sh."openedAt", sh."floatPaise", sh."closedAt", c.name AS "closedBy",
         sh."countedPaise", sh."expectedPaise" AS "storedExpectedPaise", sh.note,
         coalesce(p.paise, 0)::int AS "cashInPaise", coalesce(p.n, 0)::int AS sales,
         coalesce(r.paise, 0)::int AS "cashOutPaise", coalesce(r.n, 0)::int AS refunds
    FROM "CashShift" sh
    JOIN "StaffUser" o ON o.id = sh."openedById"
    LEFT JOIN "StaffUser" c ON c.id = sh."closedById"
    LEFT JOIN LATERAL (SELECT sum("amountPaise") AS paise, count(*) AS n FROM "PaymentAttempt"
                        WHERE "shiftId" = sh.id AND status = 'CAPTURED') p ON true
    LEFT JOIN LATERAL (SELECT sum("amountPaise") AS paise, count(*) AS n FROM "Refund"
                        WHERE "shiftId" = sh.id AND method = 'CASH' AND status <> 'FAILED') r ON true`;

interface TShiftRow {
  id: string;
  openedBy: string;
  openedAt: Date;
  floatPaise: number;
  closedAt: Date | null;
  closedBy: string | null;
  countedPaise: number | null;
  storedExpectedPaise: number | null;
  note: string | null;
  cashInPaise: number;
  sales: number;
  cashOutPaise: number;
  refunds: number;
}

function toShift(r: TShiftRow): TCashShift {
  // A closed shift shows what it expected when it closed: nothing can be recorded against it after.
  const expectedPaise = r.storedExpectedPaise ?? r.floatPaise + r.cashInPaise - r.cashOutPaise;
  return {
    id: r.id,
    openedBy: r.openedBy,
    openedAt: r.openedAt.toISOString(),
    floatPaise: r.floatPaise,
    cashInPaise: r.cashInPaise,
    cashOutPaise: r.cashOutPaise,
    sales: r.sales,
    refunds: r.refunds,
    expectedPaise,
    closedAt: r.closedAt?.toISOString() ?? null,
    closedBy: r.closedBy,
    countedPaise: r.countedPaise,
    differencePaise: r.countedPaise === null ? null : r.countedPaise - expectedPaise,
    note: r.note,
  };
}

async function loadShift(db: TSql, shiftId: string): Promise<TCashShift> {
  const { rows } = await db.query<TShiftRow>(`${SHIFT_SELECT} WHERE sh.id = $1`, [shiftId]);
  return toShift(rows[0]!);
}

/**
 * The staff member's open shift, locked against closing (FOR SHARE) until the caller's transaction
 * ends, so cash is never recorded against a shift that closed meanwhile. Null when none is open.
 */
export async function lockOpenShift(tx: TSql, actor: TStaffActor): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id::text FROM "CashShift" WHERE "openedById" = $1 AND "cinemaId" = $2 AND "closedAt" IS NULL FOR SHARE`,
    [actor.userId, actor.cinemaId],
  );
  return rows[0]?.id ?? null;
}

/** Like lockOpenShift, but refuses clearly when there is none. */
export async function requireOpenShift(tx: TSql, actor: TStaffActor): Promise<string> {
  const shiftId = await lockOpenShift(tx, actor);
  if (!shiftId)
    throw new AppError('SHIFT_NOT_OPEN', { message: `staff ${actor.userId} has no open shift in ${actor.cinemaId}` });
  return shiftId;
}

export async function currentShift(services: Pick<TServices, 'pg'>, actor: TStaffActor): Promise<TCashShift | null> {
  const { rows } = await services.pg.query<TShiftRow>(
    `${SHIFT_SELECT} WHERE sh."openedById" = $1 AND sh."cinemaId" = $2 AND sh."closedAt" IS NULL`,
    [actor.userId, actor.cinemaId],
  );
  return rows[0] ? toShift(rows[0]) : null;
}

export async function openShift(
  services: Pick<TServices, 'pg' | 'prisma'>,
  { actor, floatPaise, now = new Date() }: { actor: TStaffActor; floatPaise: number; now?: Date },
): Promise<TCashShift> {
  let shiftId: string;
  try {
    const { rows } = await services.pg.query<{ id: string }>(
      `INSERT INTO "CashShift" (id, "cinemaId", "openedById", "openedAt", "floatPaise")
       VALUES ($1, $2, $3, $4, $5) RETURNING id::text`,
      [uuidv7(), actor.cinemaId, actor.userId, now, floatPaise],
    );
    shiftId = rows[0]!.id;
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('SHIFT_ALREADY_OPEN', { message: `staff ${actor.userId} already has an open shift` });
    throw err;
  }
  await recordAudit(services.prisma, {
    by: actor.userId,
    action: 'cash-shift.open',
    entityType: 'CashShift',
    entityId: shiftId,
    data: { floatPaise },
  });
  return loadShift(services.pg, shiftId);
}

/**
 * Closes a shift with the cash counted. The staff member who opened it closes it, or a manager of
 * the cinema; the shift row is locked FOR UPDATE, so it waits for a sale recording cash against it
 * (which holds it FOR SHARE) and no sale can be recorded after.
 */
export async function closeShift(
  services: Pick<TServices, 'pg' | 'prisma'>,
  {
    actor,
    role,
    shiftId,
    countedPaise,
    note,
    now = new Date(),
  }: {
    actor: TStaffActor;
    role: 'ADMIN' | 'MANAGER' | 'STAFF';
    shiftId: string;
    countedPaise: number;
    note?: string;
    now?: Date;
  },
): Promise<TCashShift> {
  const shift = await withTransaction(services.pg, async (tx) => {
    const { rows } = await tx.query<{ openedById: string; closedAt: Date | null }>(
      `SELECT "openedById"::text, "closedAt" FROM "CashShift" WHERE id = $1 AND "cinemaId" = $2 FOR UPDATE`,
      [shiftId, actor.cinemaId],
    );
    const row = rows[0];
    if (!row || (row.openedById !== actor.userId && role === 'STAFF'))
      throw new AppError('SHIFT_NOT_OPEN', { message: `shift ${shiftId} is not ${actor.userId}'s to close` });
    if (row.closedAt)
      throw new AppError('SHIFT_CLOSED', { message: `shift ${shiftId} closed at ${row.closedAt.toISOString()}` });
    const open = await loadShift(tx, shiftId);
    await tx.query(
      `UPDATE "CashShift" SET "closedAt" = $2, "closedById" = $3, "countedPaise" = $4, "expectedPaise" = $5, note = $6 WHERE id = $1`,
      [shiftId, now, actor.userId, countedPaise, open.expectedPaise, note ?? null],
    );
    return loadShift(tx, shiftId);
  });
  await recordAudit(services.prisma, {
    by: actor.userId,
    action: 'cash-shift.close',
    entityType: 'CashShift',
    entityId: shiftId,
    data: { countedPaise, expectedPaise: shift.expectedPaise, differencePaise: shift.differencePaise },
  });
  return shift;
}

/** The cinema's shifts opened since a day (its calendar), and every one still open, newest first. */
export async function listShifts(
  services: Pick<TServices, 'pg'>,
  { cinemaId, since }: { cinemaId: string; since: Date },
): Promise<TCashShift[]> {
  const { rows } = await services.pg.query<TShiftRow>(
    `${SHIFT_SELECT} WHERE sh."cinemaId" = $1 AND (sh."openedAt" >= $2 OR sh."closedAt" IS NULL)
      ORDER BY sh."openedAt" DESC LIMIT 500`,
    [cinemaId, since],
  );
  return rows.map(toShift);
}

/** Records cash taken at the counter against the cashier's open shift; returns the payment row's id. */
export async function recordCashPayment(
  tx: TSql,
  { actor, bookingId, amountPaise, now }: { actor: TStaffActor; bookingId: string; amountPaise: number; now: Date },
): Promise<string> {
  const shiftId = await requireOpenShift(tx, actor);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO "PaymentAttempt" (id, "bookingId", method, status, "amountPaise", "shiftId", "recordedById", "createdAt", "updatedAt")
     VALUES ($6, $1, 'CASH', 'CAPTURED', $2, $3, $4, $5, $5) RETURNING id::text`,
    [bookingId, amountPaise, shiftId, actor.userId, now, uuidv7()],
  );
  return rows[0]!.id;
}
