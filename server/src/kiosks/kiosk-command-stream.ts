import type { TKioskCommand } from '@marquee/shared';
import type { TServices } from '../services';

/**
 * The kiosk's state now, then every command. Listening starts before the read, so nothing slips
 * between. A revocation is the last command: the stream ends after it.
 */
export async function* kioskCommandStream(
  services: Pick<TServices, 'prisma' | 'kioskCommands'>,
  kioskId: string,
  signal: AbortSignal,
): AsyncGenerator<TKioskCommand> {
  const commands = services.kioskCommands.stream(kioskId, signal);
  const next = commands.next();
  const { outOfService } = await services.prisma.kiosk.findUniqueOrThrow({
    where: { id: kioskId },
    select: { outOfService: true },
  });
  yield { type: 'state', kioskId, outOfService };
  const first = await next;
  if (first.done) return;
  yield first.value;
  if (first.value.type === 'revoked') return;
  for await (const command of commands) {
    yield command;
    if (command.type === 'revoked') return;
  }
}
