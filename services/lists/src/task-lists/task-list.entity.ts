import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 党委任务清单: one per unit per year, drafted by committee staff, then published (the committee's approval). */
@Entity({ name: 'task_list' })
export class TaskList {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'unit_path', type: 'text' })
  unitPath!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  status!: 'draft' | 'published';

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_by', type: 'text', nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
