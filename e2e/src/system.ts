// The whole system for a browser journey, on free ports of 127.0.0.1: the API serving the web build,
// the BullMQ workers, the Razorpay sandbox, an SMTP server, a virtual thermal printer and the print
// agent, over this file's own database (cloned from the migrated template) and Redis prefix.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrintAgent } from '@marquee/kiosk/printer/print-agent';
import { networkTicketPrinter } from '@marquee/kiosk/printer/ticket-printer';
import { VirtualPrinter } from '@marquee/kiosk/printer/virtual-printer';
import { startWorkers } from '@marquee/server/workers/start-workers';
import { SmtpCatcher } from '@marquee/server/mail/smtp-catcher';
import { createCustomerClient } from '@marquee/server/test/customer-client';
import { holdAndPay } from '@marquee/server/test/pay';
import { futureShowtime, seedCinema } from '@marquee/server/test/fixtures';
import { startPaymentSandbox, TEST_RAZORPAY } from '@marquee/server/test/payment-sandbox';
import { freePort } from '@marquee/server/test/redis-server';
import { createTestContext } from '@marquee/server/test/test-context';
import { startTestServer } from '@marquee/server/test/test-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(root, 'kiosk/out/web');

/** `npm test` builds the web app before the suites; a journey run on its own builds it here. */
function ensureWebBuild(): void {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  execFileSync(
    process.execPath,
    [
      path.join(root, 'kiosk/node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'vite.web.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: path.join(root, 'kiosk'), stdio: 'inherit' },
  );
}

/**
 * The journeys sell "later today" on the cinema's clock, as the kiosk does. In the last minutes
 * before midnight in Kolkata there is no later today: wait for the new day (at most ~5 minutes).
 */
async function notJustBeforeMidnight(): Promise<void> {
  const istSeconds = (Date.now() / 1000 + 330 * 60) % 86_400;
  const left = 86_400 - istSeconds;
  if (left > 5 * 60) return;
  console.warn(
    `browser journeys wait ${Math.ceil(left + 30)} s for midnight in Asia/Kolkata (no "later today" before it)`,
  );
  await new Promise((r) => setTimeout(r, (left + 30) * 1000));
}

/** `overrides`: settings for this system, e.g. a short HOLD_TTL_SECONDS to watch holds expire. */
export async function startSystem(overrides: Record<string, string> = {}) {
  await notJustBeforeMidnight();
  ensureWebBuild();
  const sandbox = await startPaymentSandbox();
  const smtpPort = await freePort();
  const smtp = new SmtpCatcher();
  await smtp.listen(smtpPort);
  const ctx = await createTestContext({
    ...TEST_RAZORPAY,
    RAZORPAY_API_URL: sandbox.url,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    WEB_DIST_DIR: WEB_DIST,
    ...overrides,
  });
  const seed = await seedCinema(ctx.prisma);
  const server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
  const workers = await startWorkers(ctx);

  const printer = new VirtualPrinter({ port: 0, outputDir: null });
  const printerAddress = await printer.listen();
  const kiosk = seed.kiosks[0]!;
  const agent = createPrintAgent({
    printer: networkTicketPrinter({ ...printerAddress, timeoutMs: 1000 }),
    allowedOrigins: [server.url],
    device: async () => ({ token: kiosk.token, name: kiosk.name }),
  });
  const agentPort = await freePort();
  await new Promise<void>((resolve) => agent.listen(agentPort, '127.0.0.1', resolve));

  return {
    ctx,
    seed,
    kiosk,
    server,
    sandbox,
    smtp,
    printer,
    agentUrl: `http://127.0.0.1:${agentPort}`,
    async close() {
      agent.closeAllConnections();
      await new Promise((resolve) => agent.close(resolve));
      await printer.close();
      await workers.close();
      await server.close();
      await sandbox.app.close();
      await smtp.close();
      await ctx.close();
    },
  };
}

export type TSystem = Awaited<ReturnType<typeof startSystem>>;

/** A show later today on the cinema's clock (the kiosk sells today's shows; the web opens on today). */
export function showLaterToday(system: TSystem) {
  const now = new Date();
  const istMinutes = (now.getUTCHours() * 60 + now.getUTCMinutes() + 330) % 1440;
  const startsInMinutes = Math.max(2, Math.min(45, 1440 - istMinutes - 3));
  return futureShowtime(system.ctx.prisma, { startsInMinutes });
}

/** A booking an online customer paid for through Checkout (over the API, as the web app does). */
export async function paidWebBooking(system: TSystem, { seats, email }: { seats: number; email: string }) {
  const { showtime, seatIds } = await showLaterToday(system);
  return holdAndPay(createCustomerClient(system.server.url), system.sandbox.url, {
    showtimeId: showtime.id,
    seatIds: seatIds.slice(0, seats),
    email,
  });
}
