import { Client } from 'pg';
import type { ChainRow, ChainVerdict } from './audit-chain';
import { verifyChain } from './audit-chain';

interface AuditRow {
  seq: string;
  at: Date;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  unit_id: string | null;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

const PAGE = 5000;

/** Reads a schema's audit log in pages, in sequence order, and verifies the whole chain. */
export async function verifyAuditLog(databaseUrl: string, schema: string): Promise<ChainVerdict> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows: ChainRow[] = [];
    let after = '0';
    for (;;) {
      const page = await client.query<AuditRow>(
        `SELECT * FROM "${schema.replace(/"/g, '""')}".audit_log WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`,
        [after],
      );
      for (const row of page.rows) {
        rows.push({
          seq: row.seq,
          at: row.at,
          actorKind: row.actor_kind,
          actorId: row.actor_id,
          actorName: row.actor_name,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          unitId: row.unit_id,
          payload: row.payload,
          prevHash: row.prev_hash,
          hash: row.hash,
        });
      }
      if (page.rows.length < PAGE) break;
      after = page.rows[page.rows.length - 1]?.seq ?? after;
    }
    return verifyChain(rows);
  } finally {
    await client.end();
  }
}
