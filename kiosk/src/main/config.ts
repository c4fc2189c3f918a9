// The kiosk side's settings (Electron main, print agent, virtual printer): read once from the
// environment, validated, one clear line on a bad value.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const ZFlag = z
  .enum(['0', '1', 'false', 'true'])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

const ZKioskEnvSchema = z.object({
  /** The Marquee API this kiosk sells through; the only origin its window may reach. */
  /** It carries the device token and payments: `https://`, unless the API is on this machine. */
  MARQUEE_API_URL: z
    .url()
    .default('http://127.0.0.1:3000')
    .refine((url) => {
      const { protocol, hostname } = new URL(url);
      return protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(hostname));
    }, 'must be an https:// address (plain http:// only for an API on this machine, 127.0.0.1 or localhost)'),
  /** The thermal printer (ESC/POS over TCP). PRINTER=os prints through the operating system instead. */
  PRINTER: z.enum(['network', 'os']).default('network'),
  PRINTER_HOST: z.string().default('127.0.0.1'),
  PRINTER_PORT: z.coerce.number().int().min(1).max(65535).default(9100),
  PRINT_AGENT_PORT: z.coerce.number().int().min(0).max(65535).default(9180),
  /** Where the kiosk keeps its encrypted device token. */
  KIOSK_DATA_DIR: z.string().default(path.join(repoRoot, '.data', 'kiosk')),
  /** Without an OS keychain, keep the token's key in a file beside it (no real protection) rather than refuse. */
  KIOSK_ALLOW_FILE_KEY: ZFlag,
  /** Development: a seeded demo kiosk's token file, used by the print agent when it has none of its own. */
  DEMO_KIOSKS_FILE: z.string().default(path.join(repoRoot, '.data', 'demo-kiosks.json')),
  DEMO_KIOSK_NAME: z.string().default('Lobby Kiosk 1'),
  /**
   * Unset: the window lets in Razorpay Checkout's hosts (@marquee/shared's list). Set: the origins of
   * a Checkout stand-in instead, e.g. the sandbox's (http://127.0.0.1:3100) for a kiosk selling
   * through a server that uses it; then nothing of razorpay.com.
   */
  KIOSK_EXTRA_ORIGINS: z
    .string()
    .optional()
    .transform((list, ctx) => {
      if (list === undefined || list.trim() === '') return null;
      const origins: string[] = [];
      for (const item of list
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean)) {
        const url = URL.canParse(item) ? new URL(item) : null;
        if (!url || (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
          ctx.addIssue({
            code: 'custom',
            message: `"${item}" is not an https:// origin (plain http:// only on this machine)`,
          });
          return z.NEVER;
        }
        origins.push(url.origin);
      }
      return origins;
    }),
  /** The virtual printer's paper at start, to try the failures: ok, low or out. */
  VIRTUAL_PRINTER_PAPER: z.enum(['ok', 'low', 'out']).default('ok'),
  /** Where the virtual printer keeps what it prints. */
  PRINTS_DIR: z.string().default(path.join(repoRoot, '.data', 'prints')),
});

export type TKioskEnv = z.infer<typeof ZKioskEnvSchema>;

export function parseKioskEnv(source: Record<string, string | undefined> = process.env): TKioskEnv {
  const parsed = ZKioskEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`kiosk settings are not valid: ${problems}`);
  }
  return parsed.data;
}
