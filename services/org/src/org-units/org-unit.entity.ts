import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrgLevel, OrgUnitType, PartyOrgType } from '@dutychain/domain';

/** A unit of the org tree. Its leading org is its parent; `path` lists its ancestors' ids and its own. */
@Entity({ name: 'org_unit' })
export class OrgUnit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  level!: OrgLevel;

  @Column({ type: 'text' })
  type!: OrgUnitType;

  @Column({ name: 'party_org_type', type: 'text' })
  partyOrgType!: PartyOrgType;

  @Column({ name: 'leading_org_id', type: 'uuid', nullable: true })
  leadingOrgId!: string | null;

  @Column({ name: 'guiding_org_id', type: 'uuid', nullable: true })
  guidingOrgId!: string | null;

  @Column({ name: 'commission_id', type: 'uuid', nullable: true })
  commissionId!: string | null;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'int' })
  depth!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
