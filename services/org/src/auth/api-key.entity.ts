import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@dutychain/domain';

/** A machine credential; only the hash of the key is kept. */
@Entity({ name: 'api_key' })
export class ApiKey {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  /** The root of the key's part of the org tree. */
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
