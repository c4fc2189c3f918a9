// `pnpm bench [holds|seatmap|webhooks|expiry|fanout|kiosk|pow ...]`: every benchmark (or the named ones), each beside its baseline
// measured in the same run. Not part of `npm test`: it loads this machine for minutes and reports
// ratios, never asserts times. docs/performance.md keeps the sections of benches not run this time.
import { benchExpiry } from './expiry';
import { benchFanout } from './fanout';
import { benchHolds } from './holds';
import { benchKiosk } from './kiosk';
import { benchPow } from './pow';
import { benchSeatMap } from './seatmap';
import { benchWebhooks } from './webhooks';
import { cleanUp, writePerformanceDoc } from './lib';

const benches = {
  holds: benchHolds,
  seatmap: benchSeatMap,
  webhooks: benchWebhooks,
  expiry: benchExpiry,
  fanout: benchFanout,
  kiosk: benchKiosk,
  pow: benchPow,
} as const;
const names = process.argv.slice(2);
for (const name of names)
  if (!(name in benches)) throw new Error(`unknown bench "${name}"; choose from ${Object.keys(benches).join(', ')}`);
const chosen = names.length ? (names as (keyof typeof benches)[]) : (Object.keys(benches) as (keyof typeof benches)[]);

const sections: Record<string, string> = {};
// Ctrl-C still removes the run's databases and Redis keys (the benches' child processes go with the terminal's signal).
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
try {
  for (const name of chosen) sections[name] = await benches[name]();
} finally {
  await cleanUp();
}
await writePerformanceDoc(sections, Object.keys(benches));
console.log('wrote docs/performance.md');
