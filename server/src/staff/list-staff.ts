// The staff accounts of a cinema, with whether each is disabled or locked out after wrong passwords.
import type { TStaffAccount } from '@marquee/shared';
import type { TServices } from '../services';

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
