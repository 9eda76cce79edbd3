import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 分管: a team member of `unitId` supervises `supervisedUnitId` between two dates. */
@Entity({ name: 'supervision' })
export class Supervision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'supervised_unit_id', type: 'uuid' })
  supervisedUnitId!: string;

  @Column({ type: 'text' })
  area!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;
}
