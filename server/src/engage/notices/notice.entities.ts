import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn, JsonColumn } from '../../database/columns';

/** A community's 通知 / 公告 (issue #15). Residents see it once published, in the rooms it targets, until withdrawn. */
@Entity('notices')
@Index('ix_notices_feed', ['companyId', 'communityId', 'status', 'publishedAt'])
@Index('ix_notices_due', ['status', 'publishAt'])
@Index('ix_notices_outage', ['kind', 'status', 'startsAt'])
@Index('uq_notices_source', ['sourceType', 'sourceId'], { unique: true })
export class Notice {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 24 }) kind: string;
  @Column({ type: 'varchar', length: 16 }) status: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) utility: string | null;
  @DateTimeColumn({ name: 'starts_at', nullable: true }) startsAt: Date | null;
  @DateTimeColumn({ name: 'ends_at', nullable: true }) endsAt: Date | null;
  @Column({ name: 'target_kind', type: 'varchar', length: 16 }) targetKind: string;
  @Column({ type: 'boolean', default: false }) pinned: boolean;
  @JsonColumn({ name: 'image_ids', nullable: true }) imageIds: number[] | null;
  @Column({ name: 'source_type', type: 'varchar', length: 24, nullable: true }) sourceType: string | null;
  @Column({ name: 'source_id', type: 'int', nullable: true }) sourceId: number | null;
  @DateTimeColumn({ name: 'publish_at', nullable: true }) publishAt: Date | null;
  @DateTimeColumn({ name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'published_by', type: 'int', nullable: true }) publishedBy: number | null;
  @DateTimeColumn({ name: 'withdrawn_at', nullable: true }) withdrawnAt: Date | null;
  @Column({ name: 'withdrawn_by', type: 'int', nullable: true }) withdrawnBy: number | null;
  @DateTimeColumn({ name: 'reminded_at', nullable: true }) remindedAt: Date | null;
  @Column({ name: 'created_by', type: 'int' }) createdBy: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'int', default: 1 }) version: number;
}

/** A building or unit a notice targets (none: the whole community). */
@Entity('notice_targets')
@Index('uq_notice_targets', ['noticeId', 'targetId'], { unique: true })
export class NoticeTarget {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'notice_id', type: 'int' }) noticeId: number;
  @Column({ name: 'target_id', type: 'int' }) targetId: number;
}

/** A resident opened a notice (the first time; later opens change nothing). */
@Entity('notice_reads')
@Index('uq_notice_reads', ['noticeId', 'userId'], { unique: true })
@Index('ix_notice_reads_user', ['userId'])
export class NoticeRead {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'notice_id', type: 'int' }) noticeId: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @DateTimeColumn({ name: 'read_at' }) readAt: Date;
}
