import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 主管—主官: the overseer must hold regular talks with the head of a unit. */
@Entity({ name: 'oversight_pair' })
export class OversightPair {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'overseer_id', type: 'uuid' })
  overseerId!: string;

  @Column({ name: 'head_id', type: 'uuid' })
  headId!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;
}
