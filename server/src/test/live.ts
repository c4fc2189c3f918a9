import type { Fanout } from '../realtime/fanout';
import { eventually } from './eventually';

/**
 * Waits until a stream of the key's events is live: an instance has subscribed to its Redis channel
 * (the stream registers its local listener before it subscribes), so an event published from now on
 * reaches it. For the first stream of that key in the test.
 */
export async function streamLive(events: Pick<Fanout<unknown>, 'listeners'>, key: string, ms = 5_000): Promise<void> {
  await eventually(
    () => events.listeners(key),
    (n) => n > 0,
    ms,
  );
}
