import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../caller';
import { entryHash, GENESIS_HASH } from './audit-chain';
import { AuditLogEntry } from './audit-log-entry.entity';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string;
  unitId: string | null;
  payload: unknown;
}

/**
 * Appends to the service's audit log inside the caller's transaction, so a write and its audit row
 * commit or roll back together. A transaction-scoped advisory lock orders the chain.
 */
@Injectable()
export class AuditLog {
  async record(manager: EntityManager, caller: Caller, event: AuditEvent): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditLog.record must run inside the transaction of the write it records');
    }
    const table = manager.getRepository(AuditLogEntry).metadata.tablePath;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`audit:${table}`]);
    const last = await manager
      .getRepository(AuditLogEntry)
      .createQueryBuilder('entry')
      .select('entry.hash', 'hash')
      .orderBy('entry.seq', 'DESC')
      .limit(1)
      .getRawOne<{ hash: string }>();
    const fields = {
      at: new Date(),
      actorKind: caller.kind,
      actorId: caller.id,
      actorName: caller.name,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      unitId: event.unitId,
      // Stored exactly as it will be read back, so the hash verifies later.
      payload: JSON.parse(JSON.stringify(event.payload ?? null)) as object | null,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    await manager.getRepository(AuditLogEntry).insert({ ...fields, hash: entryHash(fields) });
  }
}
