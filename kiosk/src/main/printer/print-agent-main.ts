// `npm start` runs this: the print agent, so the kiosk UI in a browser (/kiosk) prints on the
// (virtual) thermal printer and acts as a registered kiosk, as the Electron app would.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseKioskEnv } from '../config';
import { DeviceStore, fileKeyCipher } from '../device/device-store';
import { createPrintAgent } from './print-agent';
import { networkTicketPrinter } from './ticket-printer';

const env = parseKioskEnv();
const store = new DeviceStore(
  path.join(env.KIOSK_DATA_DIR, 'device.bin'),
  fileKeyCipher(path.join(env.KIOSK_DATA_DIR, 'device.key')),
);

/** This machine's registered identity, else (development) the seeded demo kiosk's. */
async function device(): Promise<{ token: string | null; name: string | null }> {
  const own = await store.load();
  if (own) return { token: own.token, name: own.name };
  const demo = await readFile(env.DEMO_KIOSKS_FILE, 'utf8').then(
    (text): Record<string, string> => JSON.parse(text) as Record<string, string>,
    (): Record<string, string> => ({}),
  );
  const token = demo[env.DEMO_KIOSK_NAME] ?? null;
  return { token, name: token ? env.DEMO_KIOSK_NAME : null };
}

const apiOrigin = new URL(env.MARQUEE_API_URL).origin;
const allowedOrigins = [apiOrigin, apiOrigin.replace('127.0.0.1', 'localhost')];
const agent = createPrintAgent({
  printer: networkTicketPrinter({ host: env.PRINTER_HOST, port: env.PRINTER_PORT }),
  allowedOrigins,
  device,
  log: (message, data) => console.log(message, JSON.stringify(data ?? {})),
});
agent.listen(env.PRINT_AGENT_PORT, '127.0.0.1', () => {
  console.log(
    `print agent on http://127.0.0.1:${env.PRINT_AGENT_PORT} for pages of ${allowedOrigins.join(', ')}, printing to ${env.PRINTER_HOST}:${env.PRINTER_PORT}`,
  );
});
const stop = () => agent.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
