import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DUTY_RECORD_KINDS = ['talk', 'meeting', 'check', 'training'] as const;
export type DutyRecordKind = (typeof DUTY_RECORD_KINDS)[number];
export const DUTY_RECORD_KIND_LABELS: Record<DutyRecordKind, string> = {
  talk: '谈话',
  meeting: '会议',
  check: '检查',
  training: '培训',
};

/** 履责记录: a talk, meeting, check or training a leader carried out; every action leaves a trace. */
@Entity({ name: 'duty_record' })
export class DutyRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'unit_path', type: 'text' })
  unitPath!: string;

  @Column({ type: 'text' })
  kind!: DutyRecordKind;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
