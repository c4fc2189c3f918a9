// `npm start`'s local mail catcher: every message Marquee sends is saved under .data/mail/ as an
// .eml file (open it in any mail app) with its PDF attachments beside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { mailFileBase } from './mail-file-name';
import { SmtpCatcher } from './smtp-catcher';

// eslint-disable-next-line no-restricted-properties -- this dev tool's one read of its settings
const { SMTP_URL } = z.object({ SMTP_URL: z.url().default('smtp://127.0.0.1:2525') }).parse(process.env);
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.data/mail');
mkdirSync(dir, { recursive: true });

let saved = 0;
const catcher = new SmtpCatcher((mail, raw) => {
  const base = path.join(dir, mailFileBase(new Date(), ++saved));
  writeFileSync(`${base}.eml`, raw);
  for (const a of mail.attachments) writeFileSync(`${base}-${a.filename ?? 'attachment'}`, a.content);
  const to = Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : (mail.to?.text ?? '?');
  console.log(`mail to ${to}: "${mail.subject ?? ''}" saved as ${path.relative(process.cwd(), base)}.eml`);
});
const url = new URL(SMTP_URL);
await catcher.listen(Number(url.port || 25), url.hostname);
console.log(`mail catcher on ${SMTP_URL}, saving to ${path.relative(process.cwd(), dir)}/`);
const stop = () => void catcher.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
