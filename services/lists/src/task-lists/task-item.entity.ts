import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An item of a committee task list: aspect (方面), content, lead department, deadline. */
@Entity({ name: 'task_item' })
export class TaskItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_list_id', type: 'uuid' })
  taskListId!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'text' })
  aspect!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ name: 'lead_department', type: 'text' })
  leadDepartment!: string;

  @Column({ type: 'date', nullable: true })
  deadline!: string | null;
}
