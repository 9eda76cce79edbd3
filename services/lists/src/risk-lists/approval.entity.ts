import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 审核认定: the approver's decision on one round, approve or return with comments. */
@Entity({ name: 'approval' })
export class Approval {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'risk_list_id', type: 'uuid' })
  riskListId!: string;

  @Column({ type: 'int' })
  round!: number;

  @Column({ type: 'text' })
  decision!: 'approve' | 'return';

  @Column({ name: 'approver_id', type: 'uuid' })
  approverId!: string;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
