import { and, eq } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';

const { programs, offices } = schema;
export type ProgramRow = typeof programs.$inferSelect;
export type OfficeRow = typeof offices.$inferSelect;

export const listPrograms = (tx: Db, orgId: string, limit: number) =>
  tx.select().from(programs).where(eq(programs.orgId, orgId)).orderBy(programs.name, programs.id).limit(limit);

export async function findProgram(tx: Db, orgId: string, id: string): Promise<ProgramRow | undefined> {
  const [row] = await tx.select().from(programs).where(and(eq(programs.orgId, orgId), eq(programs.id, id))).limit(1);
  return row;
}

export async function findProgramByCode(tx: Db, orgId: string, code: string): Promise<ProgramRow | undefined> {
  const [row] = await tx.select().from(programs).where(and(eq(programs.orgId, orgId), eq(programs.code, code))).limit(1);
  return row;
}

export async function insertProgram(tx: Db, values: typeof programs.$inferInsert): Promise<ProgramRow> {
  const [row] = await tx.insert(programs).values(values).returning();
  return row!;
}

export async function updateProgram(tx: Db, orgId: string, id: string, values: Partial<ProgramRow>): Promise<ProgramRow> {
  const [row] = await tx
    .update(programs)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(programs.orgId, orgId), eq(programs.id, id)))
    .returning();
  return row!;
}

export const listOffices = (tx: Db, orgId: string, limit: number) =>
  tx.select().from(offices).where(eq(offices.orgId, orgId)).orderBy(offices.name, offices.id).limit(limit);

export async function findOffice(tx: Db, orgId: string, id: string): Promise<OfficeRow | undefined> {
  const [row] = await tx.select().from(offices).where(and(eq(offices.orgId, orgId), eq(offices.id, id))).limit(1);
  return row;
}

export async function insertOffice(tx: Db, values: typeof offices.$inferInsert): Promise<OfficeRow> {
  const [row] = await tx.insert(offices).values(values).returning();
  return row!;
}

export async function updateOffice(tx: Db, orgId: string, id: string, values: Partial<OfficeRow>): Promise<OfficeRow> {
  const [row] = await tx
    .update(offices)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(offices.orgId, orgId), eq(offices.id, id)))
    .returning();
  return row!;
}
