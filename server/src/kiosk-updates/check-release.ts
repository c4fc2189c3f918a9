// What makes an upload a release a kiosk can install: a version electron-updater can compare, at
// least one channel file (latest.yml, latest-linux.yml, ...) of that very version, and every package
// a channel file names uploaded with the size and SHA-512 the channel file gives. Nothing else is
// taken, so the feed serves exactly what the channel files promise.
import { load } from 'js-yaml';
import { CHANNEL_FILE, RELEASE_PACKAGE, ZReleaseVersionSchema, type TKioskReleaseFile } from '@marquee/shared';
import { z } from 'zod';
import { AppError } from '../errors/app-error';

const ZChannelEntrySchema = z.object({
  url: z.string().min(1),
  sha512: z.string().min(1),
  size: z.number().int().nonnegative().optional(),
});

const ZChannelFileSchema = z.object({
  version: z.union([z.string(), z.number()]).transform(String),
  files: z.array(ZChannelEntrySchema).min(1),
  stagingPercentage: z.unknown().optional(),
});

function refuse(message: string): never {
  throw new AppError('KIOSK_RELEASE_INVALID', { message: `release refused: ${message}`, userMessage: message });
}

/** Reads one channel file; refuses one that is not YAML of electron-builder's shape. */
export function parseChannelFile(name: string, text: string): z.infer<typeof ZChannelFileSchema> {
  let doc: unknown;
  try {
    doc = load(text, { json: false });
  } catch {
    refuse(`${name} is not a YAML channel file.`);
  }
  const parsed = ZChannelFileSchema.safeParse(doc);
  if (!parsed.success) refuse(`${name} is not an electron-builder channel file (it needs version and files).`);
  return parsed.data;
}

/** The release's version, checked; throws a readable refusal. */
export function checkReleaseVersion(version: unknown): string {
  const parsed = ZReleaseVersionSchema.safeParse(version);
  if (!parsed.success) refuse(`“${String(version).slice(0, 64)}” is not a version: use major.minor.patch, like 1.4.0.`);
  return parsed.data;
}

/**
 * Checks a whole upload. `channelTexts` holds the text of each channel file among `files`.
 * Returns the files in a stable order (channel files first).
 */
export function checkRelease({
  version,
  files,
  channelTexts,
}: {
  version: string;
  files: TKioskReleaseFile[];
  channelTexts: Map<string, string>;
}): TKioskReleaseFile[] {
  const channels = files.filter((f) => CHANNEL_FILE.test(f.name));
  if (channels.length === 0)
    refuse('The release needs its channel file: latest.yml (Windows) or latest-linux.yml (Linux).');
  const byName = new Map(files.map((f) => [f.name, f]));
  const named = new Set<string>();
  for (const channel of channels) {
    const info = parseChannelFile(channel.name, channelTexts.get(channel.name) ?? '');
    if (info.version !== version)
      refuse(`${channel.name} is for version ${info.version.slice(0, 64)}, not ${version}.`);
    if (info.stagingPercentage !== undefined)
      refuse(`${channel.name} sets stagingPercentage: choose the share of kiosks on the dashboard instead.`);
    for (const entry of info.files) {
      const file = byName.get(entry.url);
      if (!file) refuse(`${channel.name} names ${entry.url.slice(0, 120)}, which was not uploaded.`);
      if (file.sha512 !== entry.sha512)
        refuse(`${file.name} is not the file ${channel.name} names: its SHA-512 differs.`);
      if (entry.size !== undefined && entry.size !== file.size)
        refuse(`${file.name} is ${file.size} bytes, but ${channel.name} says ${entry.size}.`);
      named.add(file.name);
    }
  }
  for (const file of files) {
    if (CHANNEL_FILE.test(file.name) || named.has(file.name)) continue;
    refuse(
      RELEASE_PACKAGE.test(file.name)
        ? `${file.name} is not named by any channel file.`
        : `${file.name} is neither a channel file nor a package (.AppImage, .deb, .exe).`,
    );
  }
  return [...channels, ...files.filter((f) => !CHANNEL_FILE.test(f.name))];
}
