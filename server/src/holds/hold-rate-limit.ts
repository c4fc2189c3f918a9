// Per-holder rate limit on holds: a kiosk or browser cannot sweep a showtime's seats in a loop.
import { limitByKey } from '../auth';
import type { TServices } from '../services';

export async function limitHolds(services: Pick<TServices, 'redis' | 'env'>, holderKey: string): Promise<void> {
  await limitByKey(services, { name: 'hold', key: holderKey, perMinute: services.env.HOLDS_PER_MINUTE });
}
