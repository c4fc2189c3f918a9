// Kiosk administration for staff at a terminal (the manager dashboard does the same with buttons):
//   pnpm kiosk code "<kiosk name>"          one-time registration code for a new or replaced device
//   pnpm kiosk out-of-service "<name>" on|off
//   pnpm kiosk revoke "<name>"|<id>       the device's token stops working at once
//   pnpm kiosk list
import { createServices } from '../create-services';
import { parseEnv } from '../env';
import { issueRegistrationCode } from './registration-code';
import { revokeKiosk } from './revoke-kiosk';
import { setOutOfService } from './set-out-of-service';

const USAGE =
  'usage: pnpm kiosk code "<kiosk name>" | out-of-service "<kiosk name>" on|off | revoke "<kiosk name>"|<kiosk id> | list';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  const [command, name, flag] = process.argv.slice(2);
  const services = createServices(parseEnv(), 'kiosk-cli');
  try {
    const cinema = await services.prisma.cinema.findFirst({
      orderBy: { createdAt: 'asc' },
      select: { id: true, name: true },
    });
    if (!cinema) throw new Error('no cinema in the database yet: run `npm start` (it seeds the demo cinema) first');
    switch (command) {
      case 'code': {
        if (!name?.trim()) throw new Error(USAGE);
        const { code, expiresAt } = await issueRegistrationCode(services, { cinemaId: cinema.id, name: name.trim() });
        console.log(
          `Registration code for kiosk "${name.trim()}" at ${cinema.name}: ${code.slice(0, 4)}-${code.slice(4)}`,
        );
        console.log(`Type it on the kiosk's setup screen before ${expiresAt.toISOString()}. It works once.`);
        return;
      }
      case 'out-of-service': {
        if (!name || (flag !== 'on' && flag !== 'off')) throw new Error(USAGE);
        const kiosk = await services.prisma.kiosk.findUnique({
          where: { cinemaId_name: { cinemaId: cinema.id, name } },
          select: { id: true },
        });
        if (!kiosk) throw new Error(`no kiosk named "${name}"`);
        await setOutOfService(services, { kioskId: kiosk.id, outOfService: flag === 'on' });
        console.log(`kiosk "${name}" is ${flag === 'on' ? 'out of service' : 'back in service'}`);
        return;
      }
      case 'revoke': {
        if (!name?.trim()) throw new Error(USAGE);
        const kiosk = await services.prisma.kiosk.findFirst({
          where: { cinemaId: cinema.id, ...(UUID.test(name.trim()) ? { id: name.trim() } : { name: name.trim() }) },
          select: { id: true, name: true },
        });
        if (!kiosk) throw new Error(`no kiosk named "${name.trim()}" (or with that id) at ${cinema.name}`);
        const { alreadyRevoked } = await revokeKiosk(services, { cinemaId: cinema.id, kioskId: kiosk.id });
        console.log(
          alreadyRevoked
            ? `kiosk "${kiosk.name}" was already revoked`
            : `kiosk "${kiosk.name}" is revoked: its device token no longer works (register it again with pnpm kiosk code)`,
        );
        return;
      }
      case 'list': {
        const kiosks = await services.prisma.kiosk.findMany({
          where: { cinemaId: cinema.id },
          orderBy: { name: 'asc' },
        });
        for (const k of kiosks) {
          console.log(
            `${k.name}\t${k.revokedAt ? 'revoked' : k.registeredAt ? 'registered' : 'not registered'}\t${k.outOfService ? 'OUT OF SERVICE' : 'in service'}\tlast heartbeat ${k.lastHeartbeatAt?.toISOString() ?? 'never'}\tprinter ${k.printerStatus}`,
          );
        }
        return;
      }
      default:
        throw new Error(USAGE);
    }
  } finally {
    await services.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
