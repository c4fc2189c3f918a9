// `pnpm razorpay:check`: what can be checked of a Razorpay set-up from here, through the same
// gateway the server uses, before the first customer pays: the keys (an authenticated call), their
// mode, a ₹1 order created and read back, the webhook secret, and (given the site's address) the
// site's webhook route and Checkout policy. What only Razorpay's dashboard shows is listed for a
// person to check (docs/going-live.md).
import { checkoutOrigins, RAZORPAY_CHECKOUT_SOURCES } from '@marquee/shared';
import { checkoutScriptUrl, SANDBOX_KEY_ID, SANDBOX_KEY_SECRET, SANDBOX_WEBHOOK_SECRET, type TEnv } from '../env';
import { RazorpayApiError, RazorpayGateway } from './razorpay-gateway';

/** The events Marquee's webhook acts on (server/src/payments/handle-webhook.ts). */
export const WEBHOOK_EVENTS = [
  'payment.authorized',
  'payment.captured',
  'payment.failed',
  'order.paid',
  'qr_code.credited',
  'refund.processed',
  'refund.failed',
] as const;

/** Where Razorpay must deliver them, below the site's address. */
export const WEBHOOK_PATH = '/webhooks/razorpay';

/** The test order: ₹1, the least Razorpay accepts. It is never paid and simply expires. */
export const CHECK_ORDER_PAISE = 100;

export type TCheckStatus = 'ok' | 'warn' | 'fail';

export interface TCheckResult {
  status: TCheckStatus;
  /** One line: what was found, and on a failure what to do. */
  message: string;
}

export interface TRazorpayCheckReport {
  /** True when nothing failed (warnings allowed). */
  ok: boolean;
  results: TCheckResult[];
  /** What a person must check in Razorpay's dashboard. */
  dashboard: string[];
}

type TCheckEnv = Pick<
  TEnv,
  'RAZORPAY_KEY_ID' | 'RAZORPAY_KEY_SECRET' | 'RAZORPAY_WEBHOOK_SECRET' | 'RAZORPAY_API_URL' | 'RAZORPAY_CHECKOUT_URL'
>;

export async function checkRazorpay(
  env: TCheckEnv,
  {
    site,
    fetchFn = fetch,
  }: {
    /** The site's public address (https://tickets.example.com): its webhook route and CSP are checked too. */
    site?: string;
    fetchFn?: typeof fetch;
  } = {},
): Promise<TRazorpayCheckReport> {
  const results: TCheckResult[] = [];
  const ok = (message: string) => results.push({ status: 'ok', message });
  const warn = (message: string) => results.push({ status: 'warn', message });
  const fail = (message: string) => results.push({ status: 'fail', message });
  const real = !env.RAZORPAY_API_URL;
  const report = (): TRazorpayCheckReport => ({
    ok: results.every((r) => r.status !== 'fail'),
    results,
    dashboard: dashboardChecklist(env, site),
  });

  if (real) ok('API: Razorpay itself (https://api.razorpay.com; RAZORPAY_API_URL is unset)');
  else ok(`API: ${env.RAZORPAY_API_URL} (RAZORPAY_API_URL: the sandbox or another stand-in, not Razorpay)`);

  const keyId = env.RAZORPAY_KEY_ID;
  if (keyId.startsWith('rzp_live_'))
    warn(`RAZORPAY_KEY_ID ${keyId} is a LIVE key: customers' payments are real money from the first one`);
  else if (keyId.startsWith('rzp_test_')) ok(`RAZORPAY_KEY_ID ${keyId} is a test-mode key: no money moves`);
  else fail(`RAZORPAY_KEY_ID ${keyId} is not a Razorpay key id (they start rzp_test_ or rzp_live_)`);

  if (real && (keyId === SANDBOX_KEY_ID || env.RAZORPAY_KEY_SECRET === SANDBOX_KEY_SECRET)) {
    fail(
      'RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET are the sandbox’s public ones: set the keys from Razorpay’s dashboard (Account & Settings → API Keys), or RAZORPAY_API_URL for the sandbox',
    );
    return report();
  }

  const gateway = new RazorpayGateway(env);
  try {
    const order = await gateway.createOrder({
      amount: CHECK_ORDER_PAISE,
      receipt: `razorpay-check-${Date.now()}`,
      notes: { purpose: 'pnpm razorpay:check: a test order, never paid' },
    });
    ok(`keys accepted: an authenticated call succeeded (order ${order.id} of ₹1 created)`);
    const back = await gateway.fetchOrder(order.id);
    if (back.id === order.id && back.amount === CHECK_ORDER_PAISE && back.status === 'created')
      ok(`order ${back.id} read back: ₹1, status created (it is never paid and expires by itself)`);
    else
      fail(
        `order ${order.id} read back wrong: id ${back.id}, amount ${back.amount} paise, status ${back.status} (expected ${CHECK_ORDER_PAISE} paise, created)`,
      );
  } catch (err) {
    if (!(err instanceof RazorpayApiError)) throw err;
    if (err.statusCode === 401)
      fail(
        `RAZORPAY_KEY_ID / RAZORPAY_KEY_SECRET are wrong: Razorpay answered 401 (${err.message}); copy both from the same mode (test or live) of the dashboard`,
      );
    else if (err.statusCode === null)
      fail(`cannot reach ${env.RAZORPAY_API_URL ?? 'https://api.razorpay.com'}: ${err.message}`);
    else fail(`creating and reading back a ₹1 order failed: ${err.message}`);
  }

  const secret = env.RAZORPAY_WEBHOOK_SECRET;
  if (real && secret === SANDBOX_WEBHOOK_SECRET)
    fail(
      'RAZORPAY_WEBHOOK_SECRET is the sandbox’s public one: set the secret you gave the webhook in Razorpay’s dashboard',
    );
  else if (secret === env.RAZORPAY_KEY_SECRET)
    fail('RAZORPAY_WEBHOOK_SECRET is the key secret: give the webhook a secret of its own');
  else if (secret.length < 16) warn(`RAZORPAY_WEBHOOK_SECRET is set but short (${secret.length} characters)`);
  else ok('RAZORPAY_WEBHOOK_SECRET is set (Razorpay cannot show it back: compare it with what you typed there)');

  ok(`Checkout's script: ${checkoutScriptUrl(env)}`);

  if (site) await checkSite(site, { real, fetchFn, ok, fail });
  return report();
}

/** The public site: the webhook route answers (and refuses an unsigned delivery), and the page admits Checkout. */
async function checkSite(
  site: string,
  {
    real,
    fetchFn,
    ok,
    fail,
  }: { real: boolean; fetchFn: typeof fetch; ok: (m: string) => void; fail: (m: string) => void },
): Promise<void> {
  const webhookUrl = new URL(WEBHOOK_PATH, site).toString();
  try {
    const res = await fetchFn(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (res.status === 400) ok(`${webhookUrl} answers, and refuses a delivery without Razorpay's signature`);
    else fail(`${webhookUrl} answered ${res.status} to an unsigned delivery (expected 400): is it Marquee behind it?`);
  } catch (err) {
    fail(`cannot reach ${webhookUrl}: ${(err as Error).message}`);
  }
  const pageUrl = new URL('/', site).toString();
  try {
    const csp = (await fetchFn(pageUrl)).headers.get('content-security-policy') ?? '';
    const razorpayHosts = checkoutOrigins(RAZORPAY_CHECKOUT_SOURCES);
    const missing = razorpayHosts.filter((origin) => !csp.includes(origin));
    if (real && missing.length === 0) ok(`${pageUrl} lets in Razorpay Checkout's hosts (${razorpayHosts.join(', ')})`);
    else if (real)
      fail(
        `${pageUrl} does not let in ${missing.join(', ')}: is the site's server running with these settings (no RAZORPAY_API_URL)?`,
      );
    else if (csp.includes('razorpay.com'))
      fail(`${pageUrl} lets in Razorpay's hosts, but these settings use a stand-in (RAZORPAY_API_URL)`);
    else ok(`${pageUrl} lets in the stand-in's Checkout, nothing of razorpay.com`);
  } catch (err) {
    fail(`cannot reach ${pageUrl}: ${(err as Error).message}`);
  }
}

/** What only Razorpay's dashboard shows, for a person to check (docs/going-live.md says why). */
function dashboardChecklist(env: TCheckEnv, site: string | undefined): string[] {
  const mode = env.RAZORPAY_KEY_ID.startsWith('rzp_live_') ? 'Live' : 'Test';
  const webhookUrl = site ? new URL(WEBHOOK_PATH, site).toString() : `https://<your site>${WEBHOOK_PATH}`;
  return [
    `in ${mode} Mode (the dashboard keeps test and live settings apart): Account & Settings → Webhooks has one webhook`,
    `  URL ${webhookUrl}`,
    `  secret: the same as RAZORPAY_WEBHOOK_SECRET`,
    `  active events: ${WEBHOOK_EVENTS.join(', ')}`,
    'Account & Settings → Payment capture: automatic or manual both work (Marquee captures authorized payments while the hold stands; one authorized after the hold ended is left uncaptured, and Razorpay releases it)',
    `the site's domain is the website registered for the account (Razorpay fails live payments from unregistered websites)`,
    `the site's pages let in ${checkoutOrigins(RAZORPAY_CHECKOUT_SOURCES).join(', ')} (Marquee's CSP does so without RAZORPAY_API_URL; a proxy adding its own CSP must too)`,
    'then one real payment and its refund, by hand (docs/going-live.md)',
  ];
}

/** The report as the command prints it. */
export function formatReport(report: TRazorpayCheckReport): string {
  const mark: Record<TCheckStatus, string> = { ok: '✔', warn: '!', fail: '✖' };
  return [
    ...report.results.map((r) => `${mark[r.status]} ${r.message}`),
    '',
    'Check in Razorpay’s dashboard (no API shows these):',
    ...report.dashboard.map((line) => (line.startsWith('  ') ? `    ${line.trim()}` : `  - ${line}`)),
    '',
    report.ok ? 'Razorpay check passed.' : 'Razorpay check FAILED: see the ✖ lines above.',
  ].join('\n');
}
