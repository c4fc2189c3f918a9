// The kiosk's packaging settings (kiosk/electron-builder.yml) as electron-builder itself validates
// them, and the file names they make as the update feed takes them. The packages themselves are
// not built here: that needs the Electron runtime, which these machines cannot fetch.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNEL_FILE, RELEASE_FILE_NAME, RELEASE_PACKAGE } from '@marquee/shared';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const kioskDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const config = load(readFileSync(path.join(kioskDir, 'electron-builder.yml'), 'utf8')) as {
  artifactName: string;
  linux: { target: string[] };
  win: { target: string[] };
  publish: { provider: string; channel: string }[];
};

/** electron-builder's own schema check, from the installed electron-builder. */
async function validate(value: unknown): Promise<void> {
  const require = createRequire(path.join(kioskDir, 'package.json'));
  const builderLib = require.resolve('app-builder-lib', { paths: [require.resolve('electron-builder')] });
  const { validateConfiguration } = require(path.join(path.dirname(builderLib), 'util/config/config.js')) as {
    validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
  };
  const { DebugLogger } = require(require.resolve('builder-util', { paths: [builderLib] })) as {
    DebugLogger: new (enabled: boolean) => unknown;
  };
  await validateConfiguration(value, new DebugLogger(false));
}

describe('the kiosk packages', () => {
  it('are configured as electron-builder expects: AppImage and deb for Linux, NSIS for Windows', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, linux: { ...config.linux, notAnOption: true } })).rejects.toThrow(
      /Invalid configuration/,
    );
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    // The generic provider: electron-builder writes latest.yml / latest-linux.yml beside the packages.
    expect(config.publish).toMatchObject([{ provider: 'generic', channel: 'latest' }]);
    expect(CHANNEL_FILE.test(`${config.publish[0]!.channel}-linux.yml`)).toBe(true);
  });

  it('are named so the update feed takes them', () => {
    for (const [arch, ext] of [
      ['x86_64', 'AppImage'],
      ['amd64', 'deb'],
      ['x64', 'exe'],
    ] as const) {
      const name = config.artifactName
        .replace('${version}', '1.4.0-rc.1')
        .replace('${arch}', arch)
        .replace('${ext}', ext);
      expect(name).toMatch(RELEASE_FILE_NAME);
      expect(name).toMatch(RELEASE_PACKAGE);
    }
  });
});
