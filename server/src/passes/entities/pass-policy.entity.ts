import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** A community's pass rules; a community without a row uses DEFAULT_PASS_POLICY (pass-policies.service.ts). */
@Entity('pass_policies')
@Index('uq_pass_policies_community', ['communityId'], { unique: true })
export class PassPolicy {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'work_hours_json', type: 'text' }) workHoursJson: string;
  @Column({ name: 'visitor_max_days', type: 'int' }) visitorMaxDays: number;
  @Column({ name: 'visitor_max_entries', type: 'int' }) visitorMaxEntries: number;
  @Column({ name: 'tenant_max_visitor_passes', type: 'int' }) tenantMaxVisitorPasses: number;
  @Column({ name: 'updated_by', type: 'int', nullable: true }) updatedBy: number | null;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'int', default: 1 }) version: number;
}
