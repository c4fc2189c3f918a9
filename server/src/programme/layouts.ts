// Screens and their seat layouts. A layout may grow at any time; changing or removing seats is
// refused while a future show on the screen has bookings, and a seat with any booking history is
// never deleted (its tickets still name it).
import { layoutSeats, seatsToLayout, type TLayout } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import { isUniqueViolation } from '../errors/unique-violation';
import type { TServices } from '../services';
import { recordAudit, type TStaffActor } from '../audit/record-audit';

export async function listScreens(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, now = new Date() }: { cinemaId: string; now?: Date },
) {
  const screens = await prisma.screen.findMany({
    where: { cinemaId },
    orderBy: { name: 'asc' },
    include: { _count: { select: { seats: true } } },
  });
  return Promise.all(
    screens.map(async (s) => ({
      id: s.id,
      name: s.name,
      seats: s._count.seats,
      futureBookings: await prisma.booking.count({
        where: {
          showtime: { screenId: s.id, endsAt: { gt: now }, cancelled: false },
          status: { in: ['PENDING', 'CONFIRMED'] },
        },
      }),
    })),
  );
}

export async function getLayout(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, screenId }: { cinemaId: string; screenId: string },
) {
  const screen = await prisma.screen.findFirst({ where: { id: screenId, cinemaId }, include: { seats: true } });
  if (!screen)
    throw new AppError('INPUT_INVALID', {
      message: `screen ${screenId} not in cinema`,
      userMessage: 'No such screen here.',
    });
  return { id: screen.id, name: screen.name, layout: seatsToLayout(screen.seats) };
}

export async function saveLayout(
  { prisma, seatEvents }: Pick<TServices, 'prisma' | 'seatEvents'>,
  {
    actor,
    screenId,
    name,
    layout,
    now = new Date(),
  }: { actor: TStaffActor; screenId?: string; name: string; layout: TLayout; now?: Date },
): Promise<{ screenId: string; added: number; changed: number; removed: number }> {
  const wanted = layoutSeats(layout);
  const announce: { id: string; seatVersion: number }[] = [];
  try {
    const saved = await prisma.$transaction(async (tx) => {
      const screen = screenId
        ? await tx.screen.findFirst({ where: { id: screenId, cinemaId: actor.cinemaId }, include: { seats: true } })
        : await tx.screen.create({ data: { cinemaId: actor.cinemaId, name }, include: { seats: true } });
      if (!screen)
        throw new AppError('INPUT_INVALID', {
          message: `screen ${screenId} not in cinema`,
          userMessage: 'No such screen here.',
        });
      if (screen.name !== name) await tx.screen.update({ where: { id: screen.id }, data: { name } });
      const current = new Map(screen.seats.map((s) => [s.label, s]));
      const next = new Map(wanted.map((s) => [s.label, s]));
      const removed = screen.seats.filter((s) => !next.has(s.label));
      const changed = wanted.filter((s) => {
        const c = current.get(s.label);
        return c && (c.x !== s.x || c.y !== s.y || c.type !== s.type);
      });
      const added = wanted.filter((s) => !current.has(s.label));
      if (removed.length || changed.length) {
        const inUse = await tx.booking.count({
          where: {
            showtime: { screenId: screen.id, endsAt: { gt: now }, cancelled: false },
            status: { in: ['PENDING', 'CONFIRMED'] },
          },
        });
        const touched = [...removed.map((s) => s.label), ...changed.map((s) => s.label)];
        if (inUse) {
          throw new AppError('INPUT_INVALID', {
            message: `layout of ${screen.name} in use`,
            userMessage: `${screen.name} has ${inUse} booking${inUse === 1 ? '' : 's'} for future shows: seats can be added, but ${touched.slice(0, 8).join(', ')}${touched.length > 8 ? '…' : ''} cannot be changed or removed now.`,
          });
        }
        const history = await tx.bookingSeat.findMany({
          where: { seatId: { in: removed.map((s) => s.id) } },
          select: { seat: { select: { label: true } } },
          distinct: ['seatId'],
        });
        if (history.length) {
          throw new AppError('INPUT_INVALID', {
            message: `seats with history removed from ${screen.name}`,
            userMessage: `${history.map((h) => h.seat.label).join(', ')} appear on past tickets and cannot be removed. Mark them as gaps in a new screen instead.`,
          });
        }
      }
      // Positions must stay unique at every step: park the seats that move, then place them.
      await tx.seat.updateMany({
        where: { companionOfId: { not: null }, screenId: screen.id },
        data: { companionOfId: null },
      });
      await tx.seatBlock.deleteMany({ where: { seatId: { in: removed.map((s) => s.id) } } });
      await tx.seat.deleteMany({ where: { id: { in: removed.map((s) => s.id) } } });
      for (const [i, s] of changed.entries())
        await tx.seat.update({ where: { id: current.get(s.label)!.id }, data: { x: -1 - i, y: -1 } });
      for (const s of changed)
        await tx.seat.update({
          where: { id: current.get(s.label)!.id },
          data: { x: s.x, y: s.y, type: s.type, row: s.row, number: s.number },
        });
      if (added.length)
        await tx.seat.createMany({
          data: added.map((s) => ({
            screenId: screen.id,
            row: s.row,
            number: s.number,
            label: s.label,
            type: s.type,
            x: s.x,
            y: s.y,
          })),
        });
      const seats = await tx.seat.findMany({ where: { screenId: screen.id }, select: { id: true, label: true } });
      const idOf = new Map(seats.map((s) => [s.label, s.id]));
      for (const s of wanted.filter((w) => w.companionOfLabel))
        await tx.seat.update({
          where: { id: idOf.get(s.label)! },
          data: { companionOfId: idOf.get(s.companionOfLabel!)! },
        });
      // Holds keep each show's layout in memory; the new version tells every API instance to read it
      // again. Seat maps are kept per show and seat version, so the screen's shows move on too: by
      // two, announced at the second, because open seat maps reload on a gap in versions, and no
      // seat change can describe a new layout.
      await tx.screen.update({ where: { id: screen.id }, data: { layoutVersion: { increment: 1 } } });
      // The shows' rows are locked in id order, as batched holds lock them (marquee_write_holds), so the
      // two never wait on each other in a circle.
      const shows = await tx.$queryRaw<{ id: string; seatVersion: number; upcoming: boolean }[]>`
        UPDATE "Showtime" s SET "seatVersion" = s."seatVersion" + 2, "updatedAt" = ${now}
          FROM (SELECT id FROM "Showtime" WHERE "screenId" = ${screen.id}::uuid ORDER BY id FOR UPDATE) locked
         WHERE s.id = locked.id
        RETURNING s.id::text, s."seatVersion", s."endsAt" > ${now} AND NOT s.cancelled AS upcoming`;
      announce.push(...shows.filter((s) => s.upcoming));
      await recordAudit(tx, {
        by: actor.userId,
        action: screenId ? 'screen.layout' : 'screen.create',
        entityType: 'Screen',
        entityId: screen.id,
        data: { name, added: added.length, changed: changed.length, removed: removed.length },
      });
      return { screenId: screen.id, added: added.length, changed: changed.length, removed: removed.length };
    });
    await Promise.all(
      announce.map((show) => seatEvents.publish({ showtimeId: show.id, version: show.seatVersion, seats: [] })),
    );
    return saved;
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('INPUT_INVALID', {
        message: `screen name ${name} taken`,
        userMessage: `There is already a screen called "${name}".`,
        data: { fieldErrors: { name: 'already used' } },
      });
    throw err;
  }
}
