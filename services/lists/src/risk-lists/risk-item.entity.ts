import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An item of a personal list: a claimed committee item (认领) or the leader's own, with risk points and measures. */
@Entity({ name: 'risk_item' })
export class RiskItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'risk_list_id', type: 'uuid' })
  riskListId!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'text' })
  source!: 'claimed' | 'own';

  @Column({ name: 'task_item_id', type: 'uuid', nullable: true })
  taskItemId!: string | null;

  @Column({ type: 'text' })
  content!: string;

  /** 廉政风险点 */
  @Column({ name: 'risk_points', type: 'jsonb' })
  riskPoints!: string[];

  /** 防控措施 */
  @Column({ type: 'jsonb' })
  measures!: string[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
