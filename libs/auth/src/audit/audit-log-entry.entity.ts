import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One write, as it happened: who, what, when, which unit. Rows are chained by hash so that an
 * edited or deleted row is detected by `npm run audit:verify`. The table lives in each service's schema.
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_name', type: 'text' })
  actorName!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ type: 'jsonb' })
  payload!: object | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
