import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An item of the commission's supervision list, linked to the committee task item it checks. */
@Entity({ name: 'supervision_item' })
export class SupervisionItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'supervision_list_id', type: 'uuid' })
  supervisionListId!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'text', nullable: true })
  method!: string | null;

  @Column({ name: 'task_item_id', type: 'uuid', nullable: true })
  taskItemId!: string | null;
}
