import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/**
 * Notices (issue #15): 通知 / 公告 of a community (`notices`), whom they target when not the whole community
 * (`notice_targets`: buildings or units), and who opened them (`notice_reads`, one row per resident).
 */
export class Notices1795820000000 implements MigrationInterface {
  name = 'Notices1795820000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'notices',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.str('kind', 24),
        col.str('status', 16),
        col.str('title', 100),
        col.text('body', false),
        // outages: water | power | gas | tv | network, and when
        col.str('utility', 16, true),
        col.dt('starts_at', true),
        col.dt('ends_at', true),
        // community | building | unit (the ids in notice_targets)
        col.str('target_kind', 16),
        col.bool('pinned', false),
        // the uploads shown under the text, in order (JSON array of ids)
        col.text('image_ids'),
        // the document (disclosure draft) or public income a disclosure was published from
        col.str('source_type', 24, true),
        col.int('source_id', true),
        col.dt('publish_at', true),
        col.dt('published_at', true),
        col.int('published_by', true),
        col.dt('withdrawn_at', true),
        col.int('withdrawn_by', true),
        // the outage reminder an hour before the start went out (or was not needed)
        col.dt('reminded_at', true),
        col.int('created_by'),
        col.dt('created_at'),
        col.dt('updated_at'),
        col.version(),
      ],
      [
        index('ix_notices_feed', ['company_id', 'community_id', 'status', 'published_at']),
        index('ix_notices_due', ['status', 'publish_at']),
        index('ix_notices_outage', ['kind', 'status', 'starts_at']),
        index('uq_notices_source', ['source_type', 'source_id'], true),
      ],
    );
    await createTable(
      qr,
      'notice_targets',
      [col.id(), col.int('notice_id'), col.int('target_id')],
      [index('uq_notice_targets', ['notice_id', 'target_id'], true)],
    );
    await createTable(
      qr,
      'notice_reads',
      [col.id(), col.int('notice_id'), col.int('user_id'), col.dt('read_at')],
      [index('uq_notice_reads', ['notice_id', 'user_id'], true), index('ix_notice_reads_user', ['user_id'])],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['notice_reads', 'notice_targets', 'notices']) await qr.dropTable(t);
  }
}
