// Kiosk releases over HTTP: an admin uploads a release and rolls it out; each kiosk's updater reads
// the feed as electron-updater's generic provider does (the channel file, then the package it
// names, with the device token) and gets its own release; refusals change nothing.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { cookieJar, signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { generateDeviceToken, hashToken } from '../auth/device-token';
import { inRollout, rolloutBucket } from './rollout-bucket';

const MAX_BYTES = 64 * 1024;
let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;
let updatesDir: string;
let admin: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  updatesDir = mkdtempSync(path.join(tmpdir(), 'marquee-kiosk-updates-'));
  ctx = await createTestContext({ KIOSK_UPDATES_DIR: updatesDir, KIOSK_RELEASE_MAX_BYTES: String(MAX_BYTES) });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  admin = await signedInStaff(ctx, server.url, { cinemaId, role: 'ADMIN' });
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

/** A registered kiosk and its device token (made directly: registration over HTTP is rate-limited per address). */
async function registeredKiosk(name: string) {
  const deviceToken = generateDeviceToken();
  const kiosk = await ctx.prisma.kiosk.create({
    data: { cinemaId, name, tokenHash: hashToken(deviceToken), registeredAt: new Date() },
  });
  return { kioskId: kiosk.id, deviceToken };
}

/** A release as electron-builder makes one for Linux: the AppImage and latest-linux.yml naming it. */
function linuxRelease(version: string, { size = 2048, channelVersion = version } = {}) {
  const name = `Marquee-Kiosk-${version}.AppImage`;
  const bytes = Buffer.alloc(size, `package ${version} `);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const channel = dump({
    version: channelVersion,
    files: [{ url: name, sha512, size }],
    path: name,
    sha512,
    releaseDate: '2026-11-28T06:00:00.000Z',
  });
  return { name, bytes, files: { 'latest-linux.yml': Buffer.from(channel), [name]: bytes } };
}

async function upload(version: string, files: Record<string, Buffer>, staff = admin) {
  const form = new FormData();
  form.append('version', version);
  for (const [name, bytes] of Object.entries(files)) form.append('files', new Blob([bytes]), name);
  const res = await fetch(`${server.url}/admin/kiosk-releases`, {
    method: 'POST',
    headers: { cookie: [...cookieJar(staff.client)].map(([k, v]) => `${k}=${v}`).join('; ') },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as { id: string; error?: { code: string; message: string } } };
}

/** What electron-updater's generic provider does: the channel file (with a cache-busting query), then the package. */
async function updaterReads(token: string | null) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const base = new URL('/kiosk/updates/', server.url);
  const channel = await fetch(new URL('latest-linux.yml?noCache=1a2b', base), { headers });
  if (channel.status !== 200) return { status: channel.status, version: null, package: null };
  const info = load(await channel.text()) as { version: string; files: { url: string; sha512: string }[] };
  const pkg = await fetch(new URL(info.files[0]!.url, base), { headers });
  const bytes = Buffer.from(await pkg.arrayBuffer());
  return {
    status: pkg.status,
    version: info.version,
    package: createHash('sha512').update(bytes).digest('base64') === info.files[0]!.sha512 ? 'verified' : 'corrupt',
  };
}

const audits = (action: string) => ctx.prisma.auditLog.count({ where: { action } });

describe('kiosk releases', () => {
  it('offers the rolled-out release to the kiosks in the rollout, the stable one to the rest, nothing to a revoked kiosk, and rolls back', async () => {
    const kiosks = await Promise.all(['Updates A', 'Updates B', 'Updates C', 'Updates D'].map(registeredKiosk));
    const [a, b, c, d] = kiosks as [(typeof kiosks)[0], (typeof kiosks)[0], (typeof kiosks)[0], (typeof kiosks)[0]];

    // No release yet: the feed has nothing, and says so.
    expect((await updaterReads(a.deviceToken)).status).toBe(404);

    const first = await upload('1.0.0', linuxRelease('1.0.0').files);
    expect(first.status).toBe(201);
    await admin.client.kioskUpdates.rollout.mutate({ releaseId: first.body.id, percent: 100, kioskIds: [] });
    for (const k of kiosks)
      expect(await updaterReads(k.deviceToken)).toEqual({ status: 200, version: '1.0.0', package: 'verified' });

    const second = await upload('1.1.0', linuxRelease('1.1.0').files);
    // Kiosk B chosen by name, and a share of 0%: only B.
    await admin.client.kioskUpdates.rollout.mutate({ releaseId: second.body.id, percent: 0, kioskIds: [b.kioskId] });
    expect(await updaterReads(b.deviceToken)).toMatchObject({ version: '1.1.0', package: 'verified' });
    for (const k of [a, c, d]) expect(await updaterReads(k.deviceToken)).toMatchObject({ version: '1.0.0' });
    // A kiosk asking for the other release's package by name gets nothing.
    const stray = await fetch(`${server.url}/kiosk/updates/Marquee-Kiosk-1.1.0.AppImage`, {
      headers: { authorization: `Bearer ${a.deviceToken}` },
    });
    expect(stray.status).toBe(404);

    const overview = await admin.client.kioskUpdates.overview.query();
    expect(overview.candidate).toEqual({ releaseId: second.body.id, percent: 0, kioskIds: [b.kioskId] });
    expect(overview.kiosks.find((k) => k.id === b.kioskId)).toMatchObject({ inRollout: true, offeredVersion: '1.1.0' });
    expect(overview.kiosks.find((k) => k.id === a.kioskId)).toMatchObject({
      inRollout: false,
      offeredVersion: '1.0.0',
    });

    // Revoked: nothing at all, not even the stable release; no token or a made-up one likewise.
    await admin.client.fleet.revoke.mutate({ kioskId: d.kioskId });
    expect((await updaterReads(d.deviceToken)).status).toBe(401);
    expect((await updaterReads(null)).status).toBe(401);
    expect((await updaterReads('mqk_not-a-token')).status).toBe(401);

    // Rollback withdraws the candidate: B is offered 1.0.0 again (its updater allows the downgrade).
    const before = await audits('kiosk-release.rollback');
    expect(await admin.client.kioskUpdates.rollback.mutate()).toEqual({ stableVersion: '1.0.0' });
    expect(await updaterReads(b.deviceToken)).toMatchObject({ version: '1.0.0' });
    expect(await audits('kiosk-release.rollback')).toBe(before + 1);

    // Completed, then rolled back: the release before the stable one comes back.
    await admin.client.kioskUpdates.rollout.mutate({ releaseId: second.body.id, percent: 100, kioskIds: [] });
    expect(await updaterReads(c.deviceToken)).toMatchObject({ version: '1.1.0' });
    expect(await admin.client.kioskUpdates.rollback.mutate()).toEqual({ stableVersion: '1.0.0' });
    expect(await updaterReads(c.deviceToken)).toMatchObject({ version: '1.0.0' });
    expect(await refusal(admin.client.kioskUpdates.rollback.mutate())).toMatchObject({
      data: { appCode: 'KIOSK_ROLLBACK_NOTHING' },
    });
    expect(await audits('kiosk-release.upload')).toBeGreaterThanOrEqual(2);
    expect(await audits('kiosk-release.rollout')).toBeGreaterThanOrEqual(3);
  });

  it('rolls out to a share of the fleet chosen by kiosk, the same kiosks every time, keeping them as the share grows', async () => {
    const kiosks = await Promise.all(Array.from({ length: 12 }, (_, i) => registeredKiosk(`Share ${i}`)));
    const release = await upload('2.0.0', linuxRelease('2.0.0').files);
    const offered = async () =>
      Promise.all(kiosks.map(async (k) => (await updaterReads(k.deviceToken)).version === '2.0.0'));
    const expected = (percent: number) =>
      kiosks.map((k) => inRollout({ releaseId: release.body.id, percent, kioskIds: [] }, k.kioskId));

    await admin.client.kioskUpdates.rollout.mutate({ releaseId: release.body.id, percent: 50, kioskIds: [] });
    const atHalf = await offered();
    expect(atHalf).toEqual(expected(50));
    expect(await offered()).toEqual(atHalf); // asked again: the same kiosks
    await admin.client.kioskUpdates.rollout.mutate({ releaseId: release.body.id, percent: 80, kioskIds: [] });
    const atMost = await offered();
    expect(atMost).toEqual(expected(80));
    atHalf.forEach((inAtHalf, i) => inAtHalf && expect(atMost[i]).toBe(true));
    await admin.client.kioskUpdates.rollback.mutate();
  });

  it('places kiosks by a hash: deterministic, within range, monotonic in the share', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.uuid(),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (r, k, p, q) => {
          const bucket = rolloutBucket(r, k);
          expect(bucket).toBe(rolloutBucket(r, k));
          expect(bucket).toBeGreaterThanOrEqual(0);
          expect(bucket).toBeLessThan(10_000);
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          if (inRollout({ releaseId: r, percent: lo, kioskIds: [] }, k))
            expect(inRollout({ releaseId: r, percent: hi, kioskIds: [] }, k)).toBe(true);
          expect(inRollout({ releaseId: r, percent: 0, kioskIds: [] }, k)).toBe(false);
          expect(inRollout({ releaseId: r, percent: 100, kioskIds: [] }, k)).toBe(true);
        },
      ),
    );
    // Spread: 2,000 kiosks at 30% put close to 30% in.
    const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const share = ids.filter((k) => inRollout({ releaseId: 'r', percent: 30, kioskIds: [] }, k)).length / ids.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });

  it('refuses a bad upload with a clear reason, and keeps nothing of it', async () => {
    const releasesBefore = await ctx.prisma.kioskRelease.count();
    const auditsBefore = await audits('kiosk-release.upload');
    const good = linuxRelease('3.0.0');
    const cases: [string, Record<string, Buffer>, string, RegExp][] = [
      ['3.0', good.files, 'KIOSK_RELEASE_INVALID', /not a version/],
      ['v3.0.0', good.files, 'KIOSK_RELEASE_INVALID', /not a version/],
      [
        '3.0.0',
        { 'latest-linux.yml': good.files['latest-linux.yml'] },
        'KIOSK_RELEASE_INVALID',
        /which was not uploaded/,
      ],
      ['3.0.0', { [good.name]: good.bytes }, 'KIOSK_RELEASE_INVALID', /needs its channel file/],
      ['3.0.1', good.files, 'KIOSK_RELEASE_INVALID', /latest-linux.yml is for version 3.0.0, not 3.0.1/],
      [
        '3.0.0',
        { 'latest-linux.yml': good.files['latest-linux.yml'], [good.name]: Buffer.alloc(2048, 'tampered') },
        'KIOSK_RELEASE_INVALID',
        /SHA-512 differs/,
      ],
      ['3.0.0', { ...good.files, 'notes.txt': Buffer.from('hi') }, 'KIOSK_RELEASE_INVALID', /neither a channel file/],
      [
        '3.0.0',
        { ...good.files, 'my kiosk.exe': Buffer.from('x') },
        'KIOSK_RELEASE_INVALID',
        /not a release file name/,
      ],
      [
        '3.0.0',
        { 'latest-linux.yml': Buffer.from('version: [unclosed') },
        'KIOSK_RELEASE_INVALID',
        /not a YAML channel file/,
      ],
      ['3.0.0', linuxRelease('3.0.0', { size: MAX_BYTES + 1 }).files, 'KIOSK_RELEASE_TOO_LARGE', /too large: at most/],
      ['1.0.0', linuxRelease('1.0.0').files, 'KIOSK_RELEASE_EXISTS', /already uploaded/],
    ];
    for (const [version, files, code, message] of cases) {
      const res = await upload(version, files);
      expect(res.status, `${version} ${Object.keys(files).join(',')}`).toBeGreaterThanOrEqual(400);
      expect(res.body.error?.code).toBe(code);
      expect(res.body.error?.message).toMatch(message);
    }
    // Not an admin: refused before anything is read.
    const manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
    expect((await upload('3.0.0', good.files, manager)).status).toBe(403);
    expect(await refusal(manager.client.kioskUpdates.overview.query())).toMatchObject({
      data: { appCode: 'AUTH_FORBIDDEN' },
    });
    expect(await ctx.prisma.kioskRelease.count()).toBe(releasesBefore);
    expect(await audits('kiosk-release.upload')).toBe(auditsBefore);
    expect(readdirSync(updatesDir).filter((f) => f.startsWith('.incoming'))).toEqual([]);
    expect(readdirSync(updatesDir)).toHaveLength(releasesBefore);
  });

  it('takes one of two uploads of the same version at once, and keeps one folder', async () => {
    const before = readdirSync(updatesDir).length;
    const results = await Promise.all([
      upload('4.0.0', linuxRelease('4.0.0').files),
      upload('4.0.0', linuxRelease('4.0.0').files),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error?.code).toBe('KIOSK_RELEASE_EXISTS');
    expect(await ctx.prisma.kioskRelease.count({ where: { version: '4.0.0' } })).toBe(1);
    expect(readdirSync(updatesDir)).toHaveLength(before + 1);
  });

  it('records what a kiosk reports of its update, and shows it in the fleet', async () => {
    const k = await registeredKiosk('Reporting');
    const client = createCustomerClient(server.url, { kioskToken: k.deviceToken });
    const beat = { appVersion: '1.0.0', screen: 'attract', printer: 'ok', lastError: null } as const;
    await client.kiosks.heartbeat.mutate({ ...beat, update: { state: 'downloaded', version: '1.1.0', error: null } });
    const fleet = await admin.client.fleet.list.query();
    expect(fleet.kiosks.find((x) => x.id === k.kioskId)).toMatchObject({
      appVersion: '1.0.0',
      updateState: 'downloaded',
      updateVersion: '1.1.0',
    });
    await client.kiosks.heartbeat.mutate({
      ...beat,
      update: { state: 'error', version: '1.1.0', error: 'sha512 mismatch' },
    });
    expect(await ctx.prisma.kioskEvent.findMany({ where: { kioskId: k.kioskId, type: 'update' } })).toMatchObject([
      { data: { state: 'error', version: '1.1.0', error: 'sha512 mismatch' } },
    ]);
    expect(
      await refusal(
        client.kiosks.heartbeat.mutate({
          ...beat,
          update: { state: 'rebooting' as 'idle', version: null, error: null },
        }),
      ),
    ).toMatchObject({ data: { appCode: 'INPUT_INVALID' } });
  });
});
