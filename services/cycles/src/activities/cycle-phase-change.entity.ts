import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A phase change of a unit's cycle, kept for lists, dashboards and the annual ledger. */
@Entity({ name: 'phase_change' })
export class CyclePhaseChange {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'from_phase', type: 'text', nullable: true })
  fromPhase!: string | null;

  @Column({ name: 'to_phase', type: 'text' })
  toPhase!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text', nullable: true })
  by!: string | null;

  @Column({ type: 'text' })
  reason!: string;
}
