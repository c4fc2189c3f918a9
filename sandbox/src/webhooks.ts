// Signed webhook deliveries, at least once, with retries like Razorpay's: a non-2xx reply or no
// reply within 5 s is a failure, retried with exponential backoff (compressed here: seconds, not hours).
import { createHmac } from 'node:crypto';
import { razorpayId, unixNow } from './ids';
import type { SandboxStore } from './store';

export interface TWebhookConfig {
  url: string | null;
  secret: string;
  accountId: string;
  /** First retry delay; each next one doubles. */
  retryBaseMs: number;
  maxAttempts: number;
}

export function signWebhook(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export class WebhookSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private url: string | null;

  constructor(
    private readonly store: SandboxStore,
    private readonly config: TWebhookConfig,
    private readonly log: (message: string) => void,
  ) {
    this.url = config.url;
  }

  /** Where webhooks go from now on (a receiver may start after the sandbox). */
  setUrl(url: string | null): void {
    this.url = url;
  }

  /** Queues one event; `payload` maps each contained entity name to its snapshot now. */
  send(event: string, payload: Record<string, object>): void {
    if (!this.url) return;
    const eventId = razorpayId('evt');
    const body = JSON.stringify({
      entity: 'event',
      account_id: this.config.accountId,
      event,
      contains: Object.keys(payload),
      payload: Object.fromEntries(
        Object.entries(payload).map(([name, entity]) => [name, { entity: structuredClone(entity) }]),
      ),
      created_at: unixNow(),
    });
    const delivery = {
      eventId,
      event,
      createdAt: unixNow(),
      attempts: [] as { at: number; status: number | null; error: string | null }[],
      delivered: false,
    };
    this.store.webhooks.push(delivery);
    void this.attempt(delivery, body, 0);
  }

  private async attempt(delivery: (typeof this.store.webhooks)[number], body: string, n: number): Promise<void> {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(this.url!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-razorpay-signature': signWebhook(body, this.config.secret),
          'x-razorpay-event-id': delivery.eventId,
        },
        body,
        signal: AbortSignal.timeout(5_000),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    delivery.attempts.push({ at: Date.now(), status, error });
    if (status !== null && status >= 200 && status < 300) {
      delivery.delivered = true;
      return;
    }
    if (n + 1 >= this.config.maxAttempts) {
      this.log(`webhook ${delivery.event} ${delivery.eventId} gave up after ${n + 1} attempts`);
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.attempt(delivery, body, n + 1);
      },
      this.config.retryBaseMs * 2 ** n,
    );
    this.timers.add(timer);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }
}
