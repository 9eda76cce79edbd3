import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Gender } from '@dutychain/domain';

@Entity({ name: 'person' })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The personnel number used by imports and other systems. */
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  gender!: Gender | null;

  /** The unit that registered the person (登记单位): whoever can run it may see them before any post does. */
  @Column({ name: 'registered_unit_id', type: 'uuid', nullable: true })
  registeredUnitId!: string | null;
}
