import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../caller';
import { entryHash, GENESIS_HASH } from './audit-chain';
import { AuditLogEntry } from './audit-log-entry.entity';
import { DomainError } from '@dutychain/http';

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
      throw DomainError.internal('AuditLog.record must run inside the transaction of the write it records');
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
    // The hash covers exactly what the columns will hold and give back: every value goes through
    // PostgreSQL's own types first (a uuid column lower-cases an id, jsonb normalises the payload,
    // timestamptz keeps microseconds), so no spelling of the input can break the chain.
    const [stored] = await manager.query<{ at: Date; unitId: string | null; payload: object | null }[]>(
      `SELECT $1::timestamptz AS at, $2::uuid AS "unitId", $3::jsonb AS payload`,
      [new Date(), event.unitId, JSON.stringify(event.payload ?? null)],
    );
    if (!stored) throw DomainError.internal('PostgreSQL returned no row for a constant SELECT');
    const fields = {
      at: stored.at,
      actorKind: caller.kind,
      actorId: caller.id,
      actorName: caller.name,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      unitId: stored.unitId,
      payload: stored.payload,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    await manager.getRepository(AuditLogEntry).insert({ ...fields, hash: entryHash(fields) });
  }
}
