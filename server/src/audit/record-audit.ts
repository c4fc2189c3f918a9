// The audit trail: who did what to which thing. One way to write an entry, so every entry names its
// actor the same way: a staff member by id, or the system (a job, a lockout) with nobody named.
// It returns Prisma's pending write, so it can run alone (awaited), inside an interactive
// transaction (given `tx`), or in a batch (`prisma.$transaction([...])`).
import type { Prisma } from '../generated/prisma/client';

/** A signed-in staff member acting for their cinema, as staff procedures put it in ctx.actor. */
export interface TStaffActor {
  userId: string;
  cinemaId: string;
}

export interface TAuditEntry {
  /** The staff member who acted; null for the system. */
  by: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Prisma.AuditLogUncheckedCreateInput['data'];
}

export function recordAudit(db: Pick<Prisma.TransactionClient, 'auditLog'>, { by, ...entry }: TAuditEntry) {
  return db.auditLog.create({ data: { actorKind: by ? 'STAFF' : 'SYSTEM', actorUserId: by, ...entry } });
}
