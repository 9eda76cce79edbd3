import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CommissionKind } from '@dutychain/domain';

/** A discipline commission (纪委) of a unit, or a dispatched discipline group (派驻纪检监察组) hosted by one. */
@Entity({ name: 'commission' })
export class Commission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: CommissionKind;

  @Column({ name: 'host_unit_id', type: 'uuid' })
  hostUnitId!: string;
}
