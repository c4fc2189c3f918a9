// Behind a trusted proxy, client addresses come from X-Forwarded-For past that proxy only: an address
// the client wrote itself at the left of the header changes nothing, so per-address limits hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;

beforeAll(async () => {
  ctx = await createTestContext({ TRUST_PROXY: '1' });
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

/** One "find my booking" call (limited to 10 a minute per address) as the proxy forwards it. */
async function findBooking(forwardedFor: string) {
  const res = await fetch(`${server.url}/trpc/bookings.find`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ code: 'K7M2QX', email: 'someone@example.com' }),
  });
  const body = (await res.json()) as { error?: { message: string; data: { appCode: string } } };
  return { status: res.status, appCode: body.error?.data.appCode, message: body.error?.message };
}

describe('client addresses behind one trusted proxy', () => {
  it('limits the real client however it forges the left of X-Forwarded-For', async () => {
    // The proxy (this test, on 127.0.0.1) appends the address it saw: the client's own.
    for (let i = 0; i < 10; i++) {
      expect(await findBooking(`203.0.113.${i}, 198.51.100.7`)).toMatchObject({ appCode: 'BOOKING_NOT_FOUND' });
    }
    expect(await findBooking('203.0.113.99, 198.51.100.7')).toMatchObject({
      status: 429,
      appCode: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many tries\. Please wait \d+ seconds\.$/) as string,
    });
    // Another real client is not held back by the first one's tries.
    expect(await findBooking('203.0.113.99, 198.51.100.8')).toMatchObject({ appCode: 'BOOKING_NOT_FOUND' });
  });
});
