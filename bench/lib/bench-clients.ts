/**
 * Invented clients for the search benchmark: deterministic (a fixed faker seed), so the parent
 * process can rebuild the same people to pick its queries from while the server child inserts
 * them. Names mix English, Spanish and Arabic (with a native-script name), as a resettlement
 * agency's caseload does.
 */
import { fakerAR, fakerEN, fakerES } from '@faker-js/faker';
import { eq, sql } from 'drizzle-orm';
import { clientSearchName, phoneSearchKeys } from '../../packages/domain/src/index.js';
import type { SecretBox } from '../../apps/server/src/platform/crypto.js';
import { type Database, schema, systemTransaction } from '../../apps/server/src/platform/db/index.js';

export interface BenchPerson {
  givenName: string;
  familyName: string;
  nativeName: string | null;
  dateOfBirth: string;
  aNumber: string;
  phone: string;
}

const SEED = 20261122;
const BATCH = 1000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The i-th person is the same on every call with the same count. */
export function benchPeople(count: number): BenchPerson[] {
  for (const f of [fakerEN, fakerES, fakerAR]) {
    f.seed(SEED);
  }
  const people: BenchPerson[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = i % 3;
    const latin = kind === 1 ? fakerES : fakerEN;
    const year = 1940 + (i % 80);
    people.push({
      givenName: latin.person.firstName(),
      familyName: latin.person.lastName(),
      nativeName: kind === 2 ? `${fakerAR.person.firstName()} ${fakerAR.person.lastName()}` : null,
      dateOfBirth: `${year}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`,
      // Unique by construction: 2 and eight digits of i, then one more digit.
      aNumber: `2${pad(i, 7)}${i % 10}`,
      phone: `+1 (555) ${pad(Math.floor(i / 10_000), 3)}-${pad(i % 10_000, 4)}`,
    });
  }
  return people;
}

/** Inserts `count` clients with sealed A-numbers into the organization named `orgName`. */
export async function insertBenchClients(database: Database, secrets: SecretBox, orgName: string, count: number): Promise<void> {
  const people = benchPeople(count);
  const [org] = await database.db.select().from(schema.organizations).where(eq(schema.organizations.name, orgName)).limit(1);
  if (!org) {
    throw new Error(`No organization named ${orgName}`);
  }
  for (let start = 0; start < people.length; start += BATCH) {
    const batch = people.slice(start, start + BATCH);
    await systemTransaction(database.db, async (tx) => {
      const rows = await tx
        .insert(schema.clients)
        .values(
          batch.map((p) => ({
            orgId: org.id,
            givenName: p.givenName,
            familyName: p.familyName,
            nativeName: p.nativeName,
            dateOfBirth: p.dateOfBirth,
            phones: [{ number: p.phone, kind: 'mobile' as const, whatsapp: false, sms: true }],
            searchName: clientSearchName(p),
            phoneKeys: phoneSearchKeys(p.phone),
          })),
        )
        .returning({ id: schema.clients.id });
      await tx.insert(schema.clientIdentifiers).values(
        rows.map((row, index) => ({
          orgId: org.id,
          clientId: row.id,
          kind: 'a_number' as const,
          valueSealed: secrets.seal(batch[index]!.aNumber),
          lookupHash: secrets.blindIndex(`a_number:${batch[index]!.aNumber}`),
        })),
      );
    });
  }
  // Fresh planner statistics, as autovacuum would gather on a real server after a bulk load.
  await systemTransaction(database.db, (tx) => tx.execute(sql`analyze clients, client_identifiers`));
}
