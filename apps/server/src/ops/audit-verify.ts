import { inArray } from 'drizzle-orm';
import { type ChainReport, listAuditChains, PLATFORM_CHAIN, verifyAuditChain } from '../platform/audit.js';
import { type Db, schema, systemTransaction } from '../platform/db/index.js';

export interface VerifyReport {
  chains: (ChainReport & { orgName: string })[];
  ok: boolean;
}

/** Verifies every organization's audit chain (and the platform chain). */
export async function verifyAllAuditChains(db: Db): Promise<VerifyReport> {
  return systemTransaction(db, async (tx) => {
    const orgIds = await listAuditChains(tx);
    const names = new Map(
      (
        await tx
          .select({ id: schema.organizations.id, name: schema.organizations.name })
          .from(schema.organizations)
          .where(inArray(schema.organizations.id, orgIds.length ? orgIds : [PLATFORM_CHAIN]))
      ).map((o) => [o.id, o.name]),
    );
    const chains = [];
    for (const orgId of orgIds) {
      const report = await verifyAuditChain(tx, orgId);
      chains.push({ ...report, orgName: orgId === PLATFORM_CHAIN ? '(platform)' : (names.get(orgId) ?? '(deleted organization)') });
    }
    return { chains, ok: chains.every((c) => c.firstBreak === null) };
  });
}
