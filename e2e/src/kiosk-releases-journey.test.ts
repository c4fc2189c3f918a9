// Kiosk software releases on the dashboard: an admin uploads a release (a bad version is refused
// with its reason), rolls one out to every kiosk, rolls the next out to one chosen kiosk, watches
// the kiosks report their versions and updates on the Releases and Kiosks pages, and rolls back.
// The kiosk side is the update feed as electron-updater's generic provider reads it.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_LOGINS } from '@marquee/server/seed/seed-demo-cinema';
import { createCustomerClient } from '@marquee/server/test/customer-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditScreen } from './axe';
import { hasChromium, launchChromium, snap } from './browser';
import { startSystem, type TSystem } from './system';

let system: TSystem;
let browser: Browser;

beforeAll(async () => {
  system = await startSystem({ KIOSK_UPDATES_DIR: mkdtempSync(path.join(tmpdir(), 'marquee-e2e-updates-')) });
  browser = await launchChromium();
}, 480_000);
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

/** electron-builder's output for Linux: the AppImage and the latest-linux.yml naming it. */
function linuxRelease(version: string) {
  const name = `Marquee-Kiosk-${version}-x86_64.AppImage`;
  const buffer = Buffer.alloc(300 * 1024, `kiosk ${version} `);
  const sha512 = createHash('sha512').update(buffer).digest('base64');
  const channel = [
    `version: ${version}`,
    'files:',
    `  - url: ${name}`,
    `    sha512: ${sha512}`,
    `    size: ${buffer.length}`,
    `path: ${name}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-11-28T06:00:00.000Z'",
    '',
  ].join('\n');
  return [
    { name: 'latest-linux.yml', mimeType: 'text/yaml', buffer: Buffer.from(channel) },
    { name, mimeType: 'application/octet-stream', buffer },
  ];
}

async function uploadRelease(page: Page, version: string, files = linuxRelease(version)) {
  const form = page.getByRole('form', { name: 'Upload a release' });
  await form.getByLabel('Version').fill(version);
  await form.getByLabel(/^Files/).setInputFiles(files);
  await form.getByRole('button', { name: 'Upload release' }).click();
}

/** The channel file the kiosk's updater gets from the feed. */
async function offered(token: string): Promise<string | null> {
  const res = await fetch(`${system.server.url}/kiosk/updates/latest-linux.yml?noCache=e2e`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.ok ? /^version: (.+)$/m.exec(await res.text())![1]! : null;
}

describe.skipIf(!hasChromium)('kiosk releases journey', () => {
  it('uploads, rolls out to one kiosk, shows each kiosk’s version and update, and rolls back', async () => {
    const admin = DEMO_LOGINS.find((l) => l.role === 'ADMIN')!;
    const [first, second] = system.seed.kiosks as [TSystem['kiosk'], TSystem['kiosk']];
    const beat = (token: string, appVersion: string, update?: { state: 'downloading'; version: string }) =>
      createCustomerClient(system.server.url, { kioskToken: token }).kiosks.heartbeat.mutate({
        appVersion,
        screen: 'attract',
        printer: 'ok',
        lastError: null,
        ...(update ? { update: { ...update, error: null } } : {}),
      });
    await beat(first.token, '1.0.0');
    await beat(second.token, '1.0.0');

    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    page.on('pageerror', (err) => console.error('releases page error:', err));
    await page.goto(`${system.server.url}/manager/releases`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Kiosk releases' }).waitFor();

    // A version electron-updater could not compare: refused, saying what to type.
    await uploadRelease(page, '1.0', linuxRelease('1.0.0'));
    await page.getByRole('alert').getByText('“1.0” is not a version: use major.minor.patch, like 1.4.0.').waitFor();

    await uploadRelease(page, '1.0.0');
    await page.getByRole('status').getByText('Release 1.0.0 uploaded.').waitFor();
    await page.getByRole('button', { name: 'Roll out 1.0.0' }).click();
    await page.getByLabel(/^Share of the fleet/).fill('100');
    await page.getByRole('form', { name: 'Roll out 1.0.0' }).getByRole('button', { name: 'Roll out 1.0.0' }).click();
    await page.getByRole('row', { name: 'Release 1.0.0' }).getByText('every kiosk').waitFor();

    // 1.1.0 to the first kiosk only (0% of the rest).
    await uploadRelease(page, '1.1.0');
    await page.getByRole('status').getByText('Release 1.1.0 uploaded.').waitFor();
    await page.getByRole('button', { name: 'Roll out 1.1.0' }).click();
    const rollout = page.getByRole('form', { name: 'Roll out 1.1.0' });
    await rollout.getByLabel(/^Share of the fleet/).fill('0');
    await rollout.getByRole('checkbox', { name: first.name }).check();
    await rollout.getByRole('button', { name: 'Roll out 1.1.0' }).click();
    await page.getByRole('row', { name: 'Release 1.1.0' }).getByText('rolling out (0%)').waitFor();
    expect(await offered(first.token)).toBe('1.1.0');
    expect(await offered(second.token)).toBe('1.0.0');

    // The first kiosk's updater downloads it and says so in its heartbeat; the page follows.
    await beat(first.token, '1.0.0', { state: 'downloading', version: '1.1.0' });
    const versions = page.getByRole('region', { name: 'Kiosks' });
    await versions
      .getByRole('row', { name: `Kiosk ${first.name}` })
      .getByText('downloading 1.1.0')
      .waitFor();
    await versions
      .getByRole('row', { name: `Kiosk ${first.name}` })
      .getByText('(in the rollout)')
      .waitFor();
    expect(await auditScreen(page, 'dashboard releases')).toEqual([]);
    await snap(page, 'manager-15-releases');
    await page.setViewportSize({ width: 1080, height: 1920 });
    await snap(page, 'manager-15-releases-portrait');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole('heading', { name: 'Kiosk releases' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await snap(page, 'manager-15-releases-phone');

    // The fleet page shows each kiosk's version and its update.
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.getByRole('button', { name: 'Kiosks', exact: true }).click();
    const fleetRow = page.getByRole('row', { name: `Kiosk ${first.name}` });
    await fleetRow.getByText('downloading 1.1.0').waitFor();
    await page
      .getByRole('row', { name: `Kiosk ${second.name}` })
      .getByText('1.0.0')
      .waitFor();
    await snap(page, 'manager-16-fleet-versions-portrait');
    await page.setViewportSize({ width: 360, height: 800 });
    await fleetRow.getByText('downloading 1.1.0').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await snap(page, 'manager-16-fleet-versions-phone');

    // Roll back: asked first; then the first kiosk is offered 1.0.0 again.
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.getByRole('button', { name: 'Releases', exact: true }).click();
    await page.getByRole('button', { name: 'Roll back' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Withdraw 1.1.0?' });
    await ask.getByRole('button', { name: 'Roll back' }).click();
    await page.getByRole('status').getByText('Rolled back: every kiosk is offered 1.0.0.').waitFor();
    expect(await offered(first.token)).toBe('1.0.0');
    const actions = await system.ctx.prisma.auditLog.findMany({
      where: { action: { startsWith: 'kiosk-release.' } },
      orderBy: { createdAt: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'kiosk-release.upload',
      'kiosk-release.rollout',
      'kiosk-release.upload',
      'kiosk-release.rollout',
      'kiosk-release.rollback',
    ]);
  }, 90_000);
});
