import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 督办单: a failed quality check turned into an order with a deadline, tracked to closure. */
@Entity({ name: 'supervision_order' })
export class SupervisionOrder {
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
  reason!: string;

  @Column({ type: 'date' })
  deadline!: string;

  @Column({ type: 'text' })
  status!: 'open' | 'closed';

  @Column({ name: 'issued_by', type: 'text' })
  issuedBy!: string;

  @Column({ name: 'issued_at', type: 'timestamptz', default: () => 'now()' })
  issuedAt!: Date;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closing_note', type: 'text', nullable: true })
  closingNote!: string | null;
}
