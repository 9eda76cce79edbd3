import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportProblem } from '@dutychain/org-contract';

export type ImportJobStatus = 'validating' | 'importing' | 'succeeded' | 'failed';

/** One bulk import: its progress while it runs, its problems or summary when it ends. */
@Entity({ name: 'import_job' })
export class ImportJob {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  status!: ImportJobStatus;

  @Column({ type: 'text' })
  source!: 'json' | 'xlsx';

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ name: 'total_rows', type: 'int', default: 0 })
  totalRows!: number;

  @Column({ name: 'processed_rows', type: 'int', default: 0 })
  processedRows!: number;

  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` })
  problems!: ImportProblem[];

  @Column({ type: 'jsonb', nullable: true })
  summary!: Record<string, number> | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'scope_unit_id', type: 'text' })
  scopeUnitId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
