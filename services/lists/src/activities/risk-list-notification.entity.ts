import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reminder or escalation of a risk list; the outbox the notification channel reads. */
@Entity({ name: 'notification' })
export class RiskListNotificationRow {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  kind!: 'reminder' | 'escalation';

  @Column({ type: 'text' })
  level!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'risk_list_id', type: 'uuid', nullable: true })
  riskListId!: string | null;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'recipient_person_id', type: 'uuid', nullable: true })
  recipientPersonId!: string | null;

  @Column({ name: 'recipient_unit_id', type: 'uuid', nullable: true })
  recipientUnitId!: string | null;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ type: 'int' })
  occurrence!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
