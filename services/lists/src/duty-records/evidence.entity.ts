import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 留痕: a file attached to a duty record, stored once by its sha256. */
@Entity({ name: 'evidence' })
export class Evidence {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'duty_record_id', type: 'uuid' })
  dutyRecordId!: string;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bigint' })
  size!: string;

  @Column({ name: 'mime_type', type: 'text' })
  mimeType!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
