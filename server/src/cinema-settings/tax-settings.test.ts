// The cinema's tax particulars over HTTP: an admin sets them, a manager only reads them, and every
// bad value is refused with a message saying what is wrong, changing nothing and auditing nothing.
import type { TTaxSettingsInput } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secondCinema, seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;
let admin: Awaited<ReturnType<typeof signedInStaff>>;
let manager: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  admin = await signedInStaff(ctx, server.url, { cinemaId, role: 'ADMIN' });
  manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const valid: TTaxSettingsInput = {
  legalName: 'Lakeside Talkies Private Limited',
  address: '4 Lake Road\nMumbai 400001',
  gstStateCode: '27',
  gstin: '27AAPFU0939F1ZV',
  admissionSac: '999692',
  bookingFeeSac: '998599',
  invoicePrefix: 'LKT',
  feeGstRatePercent: 18,
};

const audits = () => ctx.prisma.auditLog.count({ where: { entityId: cinemaId, action: 'cinema.tax-settings.update' } });

describe('tax settings', () => {
  it('an admin saves valid particulars; a manager reads them; the change is audited with old and new values', async () => {
    const before = await admin.client.taxSettings.get.query();
    const saved = await admin.client.taxSettings.update.mutate({ ...valid, gstin: ' 27aapfu0939f1zv ' });
    expect(saved).toMatchObject(valid);
    expect(await manager.client.taxSettings.get.query()).toEqual(saved);
    const entry = await ctx.prisma.auditLog.findFirstOrThrow({
      where: { entityId: cinemaId, action: 'cinema.tax-settings.update' },
      orderBy: { createdAt: 'desc' },
    });
    expect(entry).toMatchObject({ actorUserId: admin.user.id, data: { before, after: saved } });
  });

  it('a manager cannot change them', async () => {
    const count = await audits();
    const { message, data } = await refusal(
      manager.client.taxSettings.update.mutate({ ...valid, legalName: 'Someone Else Ltd' }),
    );
    expect(data.code).toBe('FORBIDDEN');
    expect(message).toMatch(/admin/);
    expect((await admin.client.taxSettings.get.query()).legalName).toBe(valid.legalName);
    expect(await audits()).toBe(count);
  });

  it.each([
    ['a malformed GSTIN', { gstin: '27AAPFU0939' }, 'gstin', /15 characters/],
    ['a mistyped GSTIN', { gstin: '27AAPFU0939F1ZW' }, 'gstin', /mistyped/],
    ['a GSTIN of another state', { gstStateCode: '29' }, 'gstin', /Maharashtra \(27\), not in Karnataka \(29\)/],
    ['a state code not in the list', { gstStateCode: '40' }, 'gstStateCode', /choose the state/],
    ['a SAC of five digits', { admissionSac: '99969' }, 'admissionSac', /6 digits/],
    ['a booking fee SAC with letters', { bookingFeeSac: '99A599' }, 'bookingFeeSac', /6 digits/],
    ['an empty legal name', { legalName: '  ' }, 'legalName', /legal name/],
    ['an empty address', { address: '' }, 'address', /address/],
    ['an invoice prefix of four characters', { invoicePrefix: 'MQDX' }, 'invoicePrefix', /up to 3 capital letters/],
    ['an invoice prefix with a slash', { invoicePrefix: 'M/Q' }, 'invoicePrefix', /up to 3 capital letters/],
    ['an invoice prefix with a space inside', { invoicePrefix: 'M Q' }, 'invoicePrefix', /up to 3 capital letters/],
    ['a booking fee GST rate not in the list', { feeGstRatePercent: 12 }, 'feeGstRatePercent', /choose 0, 5, 18, 40 %/],
    ['a booking fee GST rate of a fraction', { feeGstRatePercent: 18.5 }, 'feeGstRatePercent', /choose 0, 5, 18, 40 %/],
  ])('refuses %s clearly and changes nothing', async (_, change, field, says) => {
    const before = await admin.client.taxSettings.get.query();
    const count = await audits();
    const { message, data } = await refusal(admin.client.taxSettings.update.mutate({ ...valid, ...change }));
    expect(data.appCode).toBe('INPUT_INVALID');
    expect(data.fieldErrors?.[field]).toMatch(says);
    expect(message).toMatch(says);
    expect(await admin.client.taxSettings.get.query()).toEqual(before);
    expect(await audits()).toBe(count);
  });

  it('saves a GSTIN pasted with spaces inside, without them', async () => {
    expect(await admin.client.taxSettings.update.mutate({ ...valid, gstin: '27 AAPFU 0939F1ZV' })).toMatchObject({
      gstin: '27AAPFU0939F1ZV',
    });
  });

  it('saves without a GSTIN until the cinema has one', async () => {
    expect(await admin.client.taxSettings.update.mutate({ ...valid, gstin: '' })).toMatchObject({ gstin: null });
    expect(await admin.client.taxSettings.update.mutate({ ...valid, gstin: null })).toMatchObject({ gstin: null });
  });

  it('sets the invoice prefix (upper-cased) and the booking fee GST rate, audited with the rest', async () => {
    const before = await admin.client.taxSettings.get.query();
    const saved = await admin.client.taxSettings.update.mutate({
      ...valid,
      invoicePrefix: ' mq7 ',
      feeGstRatePercent: 5,
    });
    expect(saved).toMatchObject({ invoicePrefix: 'MQ7', feeGstRatePercent: 5 });
    const entry = await ctx.prisma.auditLog.findFirstOrThrow({
      where: { entityId: cinemaId, action: 'cinema.tax-settings.update' },
      orderBy: { createdAt: 'desc' },
    });
    expect(entry.data).toMatchObject({
      before: { invoicePrefix: before.invoicePrefix, feeGstRatePercent: before.feeGstRatePercent },
      after: { invoicePrefix: 'MQ7', feeGstRatePercent: 5 },
    });
    expect(await admin.client.taxSettings.update.mutate({ ...valid, invoicePrefix: '' })).toMatchObject({
      invoicePrefix: '',
    });
    await admin.client.taxSettings.update.mutate(valid);
  });

  it('refuses a prefix another cinema under the same GSTIN uses, changing nothing; another GSTIN may use it', async () => {
    const { cinema } = await secondCinema(ctx.prisma, {
      film: { title: 'Riverside Only', language: 'Marathi', certificate: 'U', runtimeMinutes: 120 },
      seats: 2,
      startsInHours: 48,
      pricePaise: 10_000,
    });
    await ctx.prisma.cinema.update({ where: { id: cinema.id }, data: { gstin: valid.gstin, invoicePrefix: 'RVP' } });
    const before = await admin.client.taxSettings.get.query();
    const count = await audits();
    const { message, data } = await refusal(admin.client.taxSettings.update.mutate({ ...valid, invoicePrefix: 'rvp' }));
    expect(data.appCode).toBe('INPUT_INVALID');
    expect(data.fieldErrors?.invoicePrefix).toBe('Riverside Pune already uses “RVP” under this GSTIN');
    expect(message).toMatch(
      /Riverside Pune uses “RVP” under the same GSTIN, so both would issue the same invoice numbers/,
    );
    expect(await admin.client.taxSettings.get.query()).toEqual(before);
    expect(await audits()).toBe(count);

    // No prefix at all is a prefix too: two cinemas without one would also clash.
    await ctx.prisma.cinema.update({ where: { id: cinema.id }, data: { invoicePrefix: '' } });
    const none = await refusal(admin.client.taxSettings.update.mutate({ ...valid, invoicePrefix: '' }));
    expect(none.data.fieldErrors?.invoicePrefix).toMatch(/no prefix/);

    // Under another GSTIN (Karnataka's here) the same prefix is that registration's own series.
    await ctx.prisma.cinema.update({ where: { id: cinema.id }, data: { invoicePrefix: 'RVP' } });
    expect(
      await admin.client.taxSettings.update.mutate({
        ...valid,
        gstStateCode: '29',
        gstin: '29AAACM0000M1ZT',
        invoicePrefix: 'RVP',
      }),
    ).toMatchObject({ invoicePrefix: 'RVP' });
    await admin.client.taxSettings.update.mutate(valid);
  });
});
