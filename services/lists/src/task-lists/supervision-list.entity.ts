import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 纪委监督清单: what the commission checks, one per unit per year. */
@Entity({ name: 'supervision_list' })
export class SupervisionList {
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

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
