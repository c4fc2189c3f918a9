// Refuses a staff account of another cinema as if it did not exist.
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import type { TStaffActor } from '../audit/record-audit';

export async function assertStaffInCinema(
  { prisma }: Pick<TServices, 'prisma'>,
  { actor, userId }: { actor: TStaffActor; userId: string },
): Promise<void> {
  const user = await prisma.staffUser.findFirst({
    where: { id: userId, cinemaId: actor.cinemaId },
    select: { id: true },
  });
  if (!user)
    throw new AppError('INPUT_INVALID', {
      message: `staff ${userId} not in cinema ${actor.cinemaId}`,
      userMessage: 'No such staff account here.',
    });
}
