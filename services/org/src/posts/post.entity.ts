import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PostKind } from '@dutychain/domain';

/**
 * A seat on a unit's leadership team, held by one person between two dates (end inclusive, open
 * when null). Posts are never deleted: accountability is lifelong, so history must stay.
 */
@Entity({ name: 'post' })
export class Post {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ type: 'text' })
  kind!: PostKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;
}
