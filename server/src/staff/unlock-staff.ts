// Ends every address's wait after wrong passwords at one account, and audits it.
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import type { TServices } from '../services';
import { assertStaffInCinema } from './assert-staff-in-cinema';

/** Lets every address try the account's password again at once (the owner called: "I am locked out"). */
export async function unlockStaff(
  { prisma }: Pick<TServices, 'prisma'>,
  { actor, userId }: { actor: TStaffActor; userId: string },
): Promise<{ cleared: number }> {
  await assertStaffInCinema({ prisma }, { actor, userId });
  const [cleared] = await prisma.$transaction([
    prisma.staffLoginFailure.deleteMany({ where: { userId } }),
    recordAudit(prisma, {
      by: actor.userId,
      action: 'staff.unlock',
      entityType: 'StaffUser',
      entityId: userId,
    }),
  ]);
  return { cleared: cleared.count };
}
