import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reminder or escalation the cycle sent; the outbox the notification channel reads. */
@Entity({ name: 'notification' })
export class CycleNotification {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  kind!: 'reminder' | 'escalation';

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  phase!: string;

  @Column({ name: 'recipient_unit_id', type: 'uuid' })
  recipientUnitId!: string;

  @Column({ type: 'text' })
  level!: string;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
