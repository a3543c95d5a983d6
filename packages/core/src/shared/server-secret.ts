// Secrets every server process on one database must share, created on first use.
import { randomBytes } from 'node:crypto';
import { eq, serverSecrets, type Database } from '@parley/db';

export async function loadServerSecret(db: Database, name: string): Promise<Buffer> {
  await db
    .insert(serverSecrets)
    .values({ name, value: randomBytes(32).toString('base64') })
    .onConflictDoNothing();
  const [row] = await db
    .select({ value: serverSecrets.value })
    .from(serverSecrets)
    .where(eq(serverSecrets.name, name));
  if (!row) throw new Error(`server secret ${name} missing`);
  return Buffer.from(row.value, 'base64');
}
