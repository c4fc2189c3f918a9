import type { TCinema } from '@marquee/shared';
import type { PrismaClient } from '../db/prisma';

/** The cinemas, each with the time zone its clock shows (apps show every time in it), by name. */
export async function listCinemas({ prisma }: { prisma: PrismaClient }): Promise<TCinema[]> {
  return prisma.cinema.findMany({ select: { id: true, name: true, timeZone: true }, orderBy: { name: 'asc' } });
}
