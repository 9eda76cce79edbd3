/**
 * Verifies the hash chain of one or more services' audit logs.
 * Usage: npm run audit:verify -- [--schema org] [--database-url postgres://…]
 * Exit code 0 when every chain is intact, 1 when one is broken.
 */
import { verifyAuditLog } from '../audit/verify-audit-log';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<number> {
  const databaseUrl =
    argument('database-url') ??
    process.env.DATABASE_URL ??
    'postgres://dutychain:dutychain@127.0.0.1:55432/dutychain';
  const schemas = (argument('schema') ?? 'org').split(',');
  let intact = true;
  for (const schema of schemas) {
    const verdict = await verifyAuditLog(databaseUrl, schema);
    if (verdict.ok) {
      console.log(
        `audit log ${schema}: intact, ${verdict.entries} entries, head ${verdict.lastHash.slice(0, 16)}…`,
      );
    } else {
      intact = false;
      console.log(`audit log ${schema}: BROKEN at seq ${verdict.brokenAt}: ${verdict.reason}`);
    }
  }
  return intact ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
