import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { createTestContext, type TTestContext } from '../test/test-context';
import { recordAudit } from './record-audit';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

describe('the audit trail', () => {
  it('names a staff member as the actor, or the system when nobody is named; alone, in a batch and in a transaction', async () => {
    const staff = await ctx.prisma.staffUser.create({
      data: {
        email: 'audit@staff.test',
        name: 'Audit',
        role: 'ADMIN',
        passwordHash: await hashPassword('x'.repeat(20)),
      },
    });
    await recordAudit(ctx.prisma, { by: staff.id, action: 'test.alone', entityType: 'Thing', entityId: 't1' });
    await ctx.prisma.$transaction([
      recordAudit(ctx.prisma, { by: null, action: 'test.batch', entityType: 'Thing', entityId: 't2', data: { n: 2 } }),
    ]);
    await ctx.prisma.$transaction((tx) =>
      recordAudit(tx, { by: staff.id, action: 'test.tx', entityType: 'Thing', entityId: 't3' }),
    );
    const rows = await ctx.prisma.auditLog.findMany({ where: { entityType: 'Thing' }, orderBy: { entityId: 'asc' } });
    expect(rows.map((r) => [r.action, r.actorKind, r.actorUserId, r.data])).toEqual([
      ['test.alone', 'STAFF', staff.id, {}],
      ['test.batch', 'SYSTEM', null, { n: 2 }],
      ['test.tx', 'STAFF', staff.id, {}],
    ]);
  });
});
