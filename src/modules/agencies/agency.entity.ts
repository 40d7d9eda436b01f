import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AgencySettings } from './agency-settings';

/** 行政机关 — the tenant. */
@Entity('agencies')
export class Agency {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'short_name', type: 'text' }) shortName!: string;
  /** 文号 prefix, e.g. "某某公开" → 某某公开〔2026〕12号. */
  @Column({ name: 'doc_prefix', type: 'text' }) docPrefix!: string;
  /** 政府信息公开工作机构 */
  @Column({ name: 'disclosure_office_name', type: 'text' }) disclosureOfficeName!: string;
  @Column({ name: 'disclosure_office_phone', type: 'text', nullable: true }) disclosureOfficePhone!: string | null;
  @Column({ name: 'disclosure_office_email', type: 'text', nullable: true }) disclosureOfficeEmail!: string | null;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ name: 'postal_code', type: 'text', nullable: true }) postalCode!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  /** 复议机关 named in remedy clauses (行政复议法第24条). */
  @Column({ name: 'reconsideration_body', type: 'text' }) reconsiderationBody!: string;
  /** 人民法院 named in remedy clauses. */
  @Column({ type: 'text' }) court!: string;
  @Column({ type: 'jsonb' }) settings!: AgencySettings;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
