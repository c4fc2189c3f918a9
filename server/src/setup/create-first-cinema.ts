// A new installation's first cinema and its first admin, who signs in to the dashboard and sets up
// everything else there (screens and seat maps, films, shows, prices, staff, kiosks). Production
// has no demo data, so this is how a real installation starts.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

export interface TFirstCinema {
  name: string;
  city: string;
  timeZone: string;
  adminEmail: string;
  adminName: string;
}

/** A URL-safe slug from the cinema's name ("Regal, Pune" → "regal-pune"). */
export function cinemaSlug(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** An IANA zone the runtime knows (its list of canonical names leaves out aliases such as Asia/Kolkata). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Creates the cinema and its admin with a generated password (returned once, never stored in clear). */
export async function createFirstCinema(
  { prisma }: Pick<TServices, 'prisma'>,
  input: TFirstCinema,
): Promise<{ cinemaId: string; adminEmail: string; password: string }> {
  const slug = cinemaSlug(input.name);
  if (!slug) throw new AppError('INPUT_INVALID', { userMessage: 'The cinema needs a name with letters or digits.' });
  if (!isTimeZone(input.timeZone))
    throw new AppError('INPUT_INVALID', { userMessage: `Unknown time zone: ${input.timeZone}.` });
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.adminEmail))
    throw new AppError('INPUT_INVALID', { userMessage: `Not an email address: ${input.adminEmail}.` });
  const password = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    if (await tx.cinema.findUnique({ where: { slug }, select: { id: true } }))
      throw new AppError('INPUT_INVALID', { userMessage: `A cinema named like "${input.name}" exists already.` });
    const email = input.adminEmail.toLowerCase();
    if (await tx.staffUser.findFirst({ where: { email }, select: { id: true } }))
      throw new AppError('INPUT_INVALID', { userMessage: `There is already an account with the email ${email}.` });
    const cinema = await tx.cinema.create({
      data: { slug, name: input.name.trim(), city: input.city.trim(), timeZone: input.timeZone },
    });
    await tx.staffUser.create({
      data: { email, name: input.adminName.trim(), role: 'ADMIN', passwordHash, cinemaId: cinema.id },
    });
    return { cinemaId: cinema.id, adminEmail: email, password };
  });
}
