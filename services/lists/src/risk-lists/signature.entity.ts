import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RiskListContent } from './risk-list-content';

/** 签字承诺: who signed, when, the hash of exactly what was signed, and that content (the signer's copy). */
@Entity({ name: 'signature' })
export class Signature {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'risk_list_id', type: 'uuid' })
  riskListId!: string;

  @Column({ type: 'int' })
  round!: number;

  @Column({ name: 'signer_id', type: 'uuid' })
  signerId!: string;

  @Column({ name: 'signer_name', type: 'text' })
  signerName!: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  @Column({ type: 'jsonb' })
  content!: RiskListContent;
}
