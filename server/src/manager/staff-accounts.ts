// Staff accounts of a cinema, managed by its admins. Disabling an account ends its sessions at once.
import type { TStaffAccount, TStaffRole } from '@marquee/shared';
import { hashPassword } from '../auth/password';
import { AppError } from '../errors/app-error';
import { isUniqueViolation } from '../errors/unique-violation';
import type { TServices } from '../services';
import { recordAudit, type TStaffActor } from '../audit/record-audit';

export async function listStaff(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, now = new Date() }: { cinemaId: string; now?: Date },
): Promise<TStaffAccount[]> {
  const users = await prisma.staffUser.findMany({
    where: { cinemaId },
    orderBy: [{ role: 'asc' }, { name: 'asc' }],
    include: { loginFailures: { where: { blockedUntil: { gt: now } }, select: { ip: true }, take: 1 } },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabledAt !== null,
    // Some address must wait before its next try at this account.
    locked: u.loginFailures.length > 0,
  }));
}

export async function createStaff(
  { prisma }: Pick<TServices, 'prisma'>,
  {
    actor,
    email,
    name,
    role,
    password,
  }: { actor: TStaffActor; email: string; name: string; role: TStaffRole; password: string },
): Promise<{ id: string }> {
  const passwordHash = await hashPassword(password);
  try {
    const user = await prisma.staffUser.create({
      data: { email: email.toLowerCase(), name, role, passwordHash, cinemaId: actor.cinemaId },
    });
    await recordAudit(prisma, {
      by: actor.userId,
      action: 'staff.create',
      entityType: 'StaffUser',
      entityId: user.id,
      data: { email: user.email, role },
    });
    return { id: user.id };
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('INPUT_INVALID', {
        message: `staff email ${email} exists`,
        userMessage: 'There is already an account with that email.',
        data: { fieldErrors: { email: 'already in use' } },
      });
    throw err;
  }
}

export async function setStaffDisabled(
  { prisma }: Pick<TServices, 'prisma'>,
  { actor, userId, disabled }: { actor: TStaffActor; userId: string; disabled: boolean },
): Promise<void> {
  if (userId === actor.userId)
    throw new AppError('INPUT_INVALID', {
      message: 'admin tried to disable self',
      userMessage: 'You cannot disable your own account.',
    });
  await assertInCinema({ prisma }, { actor, userId });
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

/** Lets every address try the account's password again at once (the owner called: "I am locked out"). */
export async function unlockStaff(
  { prisma }: Pick<TServices, 'prisma'>,
  { actor, userId }: { actor: TStaffActor; userId: string },
): Promise<{ cleared: number }> {
  await assertInCinema({ prisma }, { actor, userId });
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

async function assertInCinema(
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
