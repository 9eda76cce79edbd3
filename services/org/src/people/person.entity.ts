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
}
