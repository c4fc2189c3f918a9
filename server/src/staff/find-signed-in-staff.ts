// Who is signed in on this browser, as the dashboard and the door show it; null when nobody is.
import type { TStaffMe } from '@marquee/shared';
import type { FastifyRequest } from 'fastify';
import { currentStaff } from '../auth';
import type { TServices } from '../services';

export async function findSignedInStaff(
  services: Pick<TServices, 'prisma'>,
  req: FastifyRequest,
): Promise<TStaffMe | null> {
  const staff = await currentStaff(services, req);
  return (
    staff && {
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: staff.role,
      cinemaName: staff.cinemaName,
      cinemaTimeZone: staff.cinemaTimeZone,
    }
  );
}
