import type { PrismaClient } from '../db/prisma';

/**
 * Seats that cannot be sold per showtime: held (unexpired PENDING), sold, or blocked. A PENDING
 * booking past its expiresAt no longer counts, even before the expiry job has marked it.
 */
export async function countTakenSeats({
  prisma,
  showtimeIds,
  now = new Date(),
}: {
  prisma: PrismaClient;
  showtimeIds: string[];
  now?: Date;
}): Promise<Map<string, number>> {
  if (showtimeIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ showtimeId: string; taken: number }[]>`
    SELECT "showtimeId", count(DISTINCT "seatId")::int AS taken FROM (
      SELECT bs."showtimeId", bs."seatId"
        FROM "BookingSeat" bs JOIN "Booking" b ON b.id = bs."bookingId"
       WHERE bs.active AND bs."showtimeId" = ANY(${showtimeIds}::uuid[])
         AND (b.status = 'CONFIRMED' OR (b.status = 'PENDING' AND b."expiresAt" > ${now}))
      UNION ALL
      SELECT "showtimeId", "seatId" FROM "SeatBlock" WHERE "showtimeId" = ANY(${showtimeIds}::uuid[])
    ) taken
    GROUP BY "showtimeId"`;
  return new Map(rows.map((r) => [r.showtimeId, r.taken]));
}
