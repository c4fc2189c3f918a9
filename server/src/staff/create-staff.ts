// Adds a staff account to the admin's cinema (one per email), and audits it.
import type { TStaffRole } from '@marquee/shared';
import { hashPassword } from '../auth';
import { AppError } from '../errors/app-error';
import { isUniqueViolation } from '../errors/unique-violation';
import type { TServices } from '../services';
import { recordAudit, type TStaffActor } from '../audit/record-audit';

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
