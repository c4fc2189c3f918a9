// A state making a film tax-free: the waiver of its SGST half on the film's admission for a period
// of India dates. The invoice of a booking confirmed on one of those dates in a cinema of that
// state carries CGST only (tax-invoices/issue-invoice.ts); invoices already issued never change.
// Each change is checked, made and audited with the row before and after in one transaction, with
// the film's row locked so two admins cannot record overlapping periods at once.
import {
  gstStateName,
  indiaDate,
  type TFilmTaxWaiver,
  type TFilmTaxWaiverCreateInput,
  type TFilmTaxWaiverRemoveInput,
} from '@marquee/shared';
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import type { Prisma } from '../generated/prisma/client';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

const dateText = (d: Date) => d.toISOString().slice(0, 10);
const dateValue = (s: string) => new Date(`${s}T00:00:00.000Z`);

const WAIVER_SELECT = {
  id: true,
  movieId: true,
  stateCode: true,
  fromDate: true,
  toDate: true,
  createdAt: true,
  movie: { select: { title: true } },
  createdBy: { select: { name: true } },
} as const;

type TWaiverRow = Prisma.FilmSgstWaiverGetPayload<{ select: typeof WAIVER_SELECT }>;

function toWaiver(row: TWaiverRow, today: string): TFilmTaxWaiver {
  const fromDate = dateText(row.fromDate);
  return {
    id: row.id,
    movieId: row.movieId,
    movieTitle: row.movie.title,
    stateCode: row.stateCode,
    stateName: gstStateName(row.stateCode) ?? row.stateCode,
    fromDate,
    toDate: dateText(row.toDate),
    begun: fromDate <= today,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdBy?.name ?? null,
  };
}

/** What the audit keeps of a waiver: the dates as the admin typed them. */
function audited(w: TFilmTaxWaiver) {
  return {
    movieId: w.movieId,
    movieTitle: w.movieTitle,
    stateCode: w.stateCode,
    fromDate: w.fromDate,
    toDate: w.toDate,
  };
}

const period = (w: { fromDate: string; toDate: string }) => `${w.fromDate} to ${w.toDate}`;

/** The waivers of the cinema's films (or one film's), latest period first. */
export async function listFilmTaxWaivers(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, movieId, now = new Date() }: { cinemaId: string; movieId?: string | undefined; now?: Date },
): Promise<TFilmTaxWaiver[]> {
  const rows = await prisma.filmSgstWaiver.findMany({
    where: { movie: { cinemaId }, ...(movieId ? { movieId } : {}) },
    orderBy: [{ fromDate: 'desc' }, { stateCode: 'asc' }],
    select: WAIVER_SELECT,
  });
  return rows.map((r) => toWaiver(r, indiaDate(now)));
}

export async function createFilmTaxWaiver(
  { prisma }: Pick<TServices, 'prisma'>,
  {
    actor,
    input,
    now = new Date(),
  }: {
    actor: TStaffActor;
    input: TFilmTaxWaiverCreateInput;
    now?: Date;
  },
): Promise<TFilmTaxWaiver> {
  return prisma.$transaction(async (tx) => {
    // The film's row is locked so a second admin's overlapping waiver waits and then sees this one.
    const movies = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM "Movie" WHERE id = ${input.movieId}::uuid AND "cinemaId" = ${actor.cinemaId}::uuid FOR UPDATE`;
    if (!movies[0])
      throw new AppError('CATALOG_MOVIE_NOT_FOUND', {
        message: `movie ${input.movieId} not in cinema ${actor.cinemaId}`,
        userMessage: 'That film is not in this cinema’s programme.',
        data: { fieldErrors: { movieId: 'not a film of this cinema' } },
      });
    const overlapping = await tx.filmSgstWaiver.findFirst({
      where: {
        movieId: input.movieId,
        stateCode: input.stateCode,
        fromDate: { lte: dateValue(input.toDate) },
        toDate: { gte: dateValue(input.fromDate) },
      },
      orderBy: { fromDate: 'asc' },
      select: WAIVER_SELECT,
    });
    if (overlapping) {
      const other = toWaiver(overlapping, indiaDate(now));
      const says = `overlaps the tax-free period ${period(other)} already recorded in ${other.stateName}`;
      throw new AppError('INPUT_INVALID', {
        message: `waiver ${period(input)} overlaps ${other.id}`,
        userMessage: `“${other.movieTitle}” is already tax-free in ${other.stateName} from ${other.fromDate} to ${other.toDate}; this period overlaps it. Change that one’s dates by removing it, or choose dates outside it.`,
        data: { fieldErrors: { fromDate: says } },
      });
    }
    const row = await tx.filmSgstWaiver.create({
      data: {
        movieId: input.movieId,
        stateCode: input.stateCode,
        fromDate: dateValue(input.fromDate),
        toDate: dateValue(input.toDate),
        createdById: actor.userId,
      },
      select: WAIVER_SELECT,
    });
    const waiver = toWaiver(row, indiaDate(now));
    await recordAudit(tx, {
      by: actor.userId,
      action: 'film-tax-waiver.create',
      entityType: 'FilmSgstWaiver',
      entityId: waiver.id,
      data: { before: null, after: audited(waiver), begunWhenRecorded: waiver.begun },
    });
    return waiver;
  });
}

/**
 * Removes a waiver. One whose period has begun is removed only when the admin acknowledges it
 * (bookings already confirmed keep SGST waived on their invoices, which are never changed), and
 * its audit entry says so.
 */
export async function removeFilmTaxWaiver(
  { prisma }: Pick<TServices, 'prisma'>,
  { actor, input, now = new Date() }: { actor: TStaffActor; input: TFilmTaxWaiverRemoveInput; now?: Date },
): Promise<{ ok: true }> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.filmSgstWaiver.findFirst({
      where: { id: input.id, movie: { cinemaId: actor.cinemaId } },
      select: WAIVER_SELECT,
    });
    if (!row) throw new AppError('FILM_TAX_WAIVER_NOT_FOUND', { message: `waiver ${input.id} not found` });
    const waiver = toWaiver(row, indiaDate(now));
    if (waiver.begun && !input.begunAcknowledged)
      throw new AppError('INPUT_INVALID', {
        message: `waiver ${waiver.id} has begun; removal not acknowledged`,
        userMessage: `This tax-free period began on ${waiver.fromDate}. Invoices already issued under it keep SGST waived and are not changed; only bookings confirmed after removing it pay SGST. Confirm that to remove it.`,
        data: { fieldErrors: { begunAcknowledged: 'confirm that invoices already issued stay as they are' } },
      });
    await tx.filmSgstWaiver.delete({ where: { id: waiver.id } });
    await recordAudit(tx, {
      by: actor.userId,
      action: waiver.begun ? 'film-tax-waiver.remove-begun' : 'film-tax-waiver.remove',
      entityType: 'FilmSgstWaiver',
      entityId: waiver.id,
      data: {
        before: audited(waiver),
        after: null,
        begun: waiver.begun,
        removedOnIndiaDate: indiaDate(now),
        note: waiver.begun ? 'invoices issued under this waiver before its removal are unchanged' : null,
      },
    });
    return { ok: true as const };
  });
}
