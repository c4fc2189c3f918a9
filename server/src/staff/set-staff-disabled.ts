// Disables a staff account of the admin's cinema, which ends its sessions at once, or enables it again.
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { assertStaffInCinema } from './assert-staff-in-cinema';

export async function setStaffDisabled(
  { prisma }: Pick<TServices, 'prisma'>,
  { actor, userId, disabled }: { actor: TStaffActor; userId: string; disabled: boolean },
): Promise<void> {
  if (userId === actor.userId)
    throw new AppError('INPUT_INVALID', {
      message: 'admin tried to disable self',
      userMessage: 'You cannot disable your own account.',
    });
  await assertStaffInCinema({ prisma }, { actor, userId });
  await prisma.$transaction([
    prisma.staffUser.update({
      where: { id: userId },
      data: { disabledAt: disabled ? new Date() : null },
    }),
    disabled
      ? prisma.staffSession.deleteMany({ where: { userId } })
      : prisma.staffLoginFailure.deleteMany({ where: { userId } }),
    recordAudit(prisma, {
      by: actor.userId,
      action: disabled ? 'staff.disable' : 'staff.enable',
      entityType: 'StaffUser',
      entityId: userId,
    }),
  ]);
}
