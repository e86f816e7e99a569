import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OutboxChannel, OutboxStatus } from '@linli/shared';
import { DateTimeColumn, JsonColumn } from '../database/columns';

export interface OutboxPayload {
  title: string;
  body: string;
  link: string | null;
  /** the mini-program whose openid receives a WeChat message */
  app?: 'resident' | 'staff';
  /** subscribe-message keywords before formatting: {thing1: '…', time2: '2026-…'} */
  wx?: Record<string, unknown>;
  communityId?: number;
}

/** Transactional outbox: written in the transaction of the change; the delivery worker sends it. */
@Entity('outbox')
@Index('uq_outbox_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'dedupe_key', type: 'varchar', length: 191 }) dedupeKey: string;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'recipient_id', type: 'int', nullable: true }) recipientId: number | null;
  @Column({ type: 'varchar', length: 16 }) channel: OutboxChannel;
  @Column({ type: 'varchar', length: 32 }) template: string;
  @JsonColumn() payload: OutboxPayload;
  @Column({ type: 'varchar', length: 16 }) status: OutboxStatus;
  @Column({ type: 'int' }) attempts: number;
  /** pending: when to try; sending: when the lease of the instance that claimed it runs out */
  @DateTimeColumn({ name: 'next_attempt_at' }) nextAttemptAt: Date;
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true }) lastError: string | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'sent_at', nullable: true }) sentAt: Date | null;
}

/** The in-app inbox of both apps: always written, the channel of last resort. */
@Entity('notifications')
@Index('uq_notifications_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_notifications_recipient', ['recipientId', 'readAt', 'id'])
export class Notification {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'dedupe_key', type: 'varchar', length: 191 }) dedupeKey: string;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'recipient_id', type: 'int' }) recipientId: number;
  @Column({ type: 'varchar', length: 32 }) template: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 500 }) body: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) link: string | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'read_at', nullable: true }) readAt: Date | null;
}

/** One-time subscribe-message consents left, per user × template key (WeChat itself reports no balance). */
@Entity('subscribe_balances')
@Index('uq_subscribe_balances', ['userId', 'template'], { unique: true })
export class SubscribeBalance {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 32 }) template: string;
  @Column({ type: 'int' }) balance: number;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}

/** A community's staff channel without quota: its WeCom (企业微信) group robot webhook. */
@Entity('community_channels')
@Index('uq_community_channels', ['communityId'], { unique: true })
export class CommunityChannel {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'wecom_webhook_url', type: 'varchar', length: 500, nullable: true }) wecomWebhookUrl: string | null;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}

/** A community's escalation ladder (levels 2 and 3 as % of the clock's allowed time past due, with floors in minutes). */
@Entity('escalation_policies')
@Index('uq_escalation_policies', ['communityId'], { unique: true })
export class EscalationPolicy {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'level2_pct', type: 'int' }) level2Pct: number;
  @Column({ name: 'level3_pct', type: 'int' }) level3Pct: number;
  /** floors in minutes after the due time; null: the server's default */
  @Column({ name: 'level2_min_minutes', type: 'int', nullable: true }) level2MinMinutes: number | null;
  @Column({ name: 'level3_min_minutes', type: 'int', nullable: true }) level3MinMinutes: number | null;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
