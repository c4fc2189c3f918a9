// `pnpm razorpay:check [--site https://tickets.example.com]` (in a production folder:
// `node server/dist/razorpay-check.js`): checks the Razorpay settings of this environment
// (RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET, RAZORPAY_API_URL) against the API,
// and with --site the site's webhook route and Checkout policy; prints what the dashboard must show.
// Exits 1 when a check fails.
import { EnvError, parseEnv } from '../env';
import { checkRazorpay, formatReport } from './check-razorpay';

const USAGE = 'usage: pnpm razorpay:check [--site https://tickets.example.com]';

function siteArgument(args: string[]): string | undefined {
  if (args.length === 0) return undefined;
  const [flag, site, ...rest] = args;
  if (flag !== '--site' || !site || rest.length > 0 || !URL.canParse(site)) throw new Error(USAGE);
  return site;
}

async function main(): Promise<void> {
  const site = siteArgument(process.argv.slice(2));
  const report = await checkRazorpay(parseEnv(), { site });
  console.log(formatReport(report));
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((err: unknown) => {
  // A bad setting or usage is one line; anything else keeps its stack.
  if (err instanceof EnvError || (err instanceof Error && err.message === USAGE)) console.error(`✖ ${err.message}`);
  else console.error(err);
  process.exitCode = 1;
});
