import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 年中推进情况: the leader's mid-year progress on one list item. */
@Entity({ name: 'progress_report' })
export class ProgressReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'risk_item_id', type: 'uuid' })
  riskItemId!: string;

  @Column({ name: 'risk_list_id', type: 'uuid' })
  riskListId!: string;

  @Column({ type: 'text' })
  content!: string;

  /** The report only repeats the year-start measures (a known failure, detected by similarity). */
  @Column({ name: 'repeats_measures', type: 'boolean' })
  repeatsMeasures!: boolean;

  @Column({ type: 'double precision', nullable: true })
  similarity!: number | null;

  @Column({ name: 'reported_by', type: 'text' })
  reportedBy!: string;

  @Column({ name: 'reported_at', type: 'timestamptz', default: () => 'now()' })
  reportedAt!: Date;
}
