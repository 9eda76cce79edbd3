import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One problem a quality check found in a risk list (copied, near-identical, no risk points, …). */
@Entity({ name: 'quality_finding' })
export class QualityFinding {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'unit_path', type: 'text' })
  unitPath!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'risk_list_id', type: 'uuid', nullable: true })
  riskListId!: string | null;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'text' })
  rule!: string;

  @Column({ type: 'text' })
  severity!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'related_risk_list_id', type: 'uuid', nullable: true })
  relatedRiskListId!: string | null;

  @Column({ type: 'double precision', nullable: true })
  score!: number | null;

  @Column({ name: 'found_at', type: 'timestamptz', default: () => 'now()' })
  foundAt!: Date;

  @Column({ name: 'found_by', type: 'text' })
  foundBy!: string;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId!: string | null;
}
