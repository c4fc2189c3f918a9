// Ends this browser's staff session (if any) and clears its cookie.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff, logOut } from '../auth';
import type { TServices } from '../services';

export async function signOut(
  services: Pick<TServices, 'prisma' | 'env'>,
  { req, res }: { req: FastifyRequest; res: FastifyReply },
): Promise<void> {
  await logOut(services, { res, staff: await currentStaff(services, req) });
}
