import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index, isMysql } from '../migration-helpers';

export class Foundation1795449600000 implements MigrationInterface {
  name = 'Foundation1795449600000';

  async up(qr: QueryRunner): Promise<void> {
    if (isMysql(qr)) await qr.query('ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');

    await createTable(qr, 'companies', [
      col.id(),
      col.str('name', 100),
      col.str('resident_appid', 64, true),
      col.str('staff_appid', 64, true),
      col.dt('created_at'),
    ]);
    await createTable(
      qr,
      'communities',
      [
        col.id(),
        col.int('company_id'),
        col.str('name', 100),
        col.str('code', 32),
        col.str('address', 255, true),
        col.str('handover_date', 10, true),
        col.dt('created_at'),
      ],
      [index('uq_communities_company_code', ['company_id', 'code'], true)],
    );
    await createTable(
      qr,
      'buildings',
      [col.id(), col.int('company_id'), col.int('community_id'), col.str('name', 50)],
      [index('uq_buildings_community_name', ['community_id', 'name'], true)],
    );
    await createTable(
      qr,
      'units',
      [col.id(), col.int('company_id'), col.int('community_id'), col.int('building_id'), col.str('name', 50)],
      [index('uq_units_building_name', ['building_id', 'name'], true)],
    );
    await createTable(
      qr,
      'rooms',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('building_id'),
        col.int('unit_id'),
        col.str('name', 50),
        col.str('label', 160),
        col.int('floor', true),
        col.int('area_centi', true),
        col.str('owner_name', 50, true),
        col.str('owner_phone', 20, true),
        col.dt('created_at'),
      ],
      [
        index('uq_rooms_unit_name', ['unit_id', 'name'], true),
        index('ix_rooms_community_label', ['community_id', 'label']),
        index('ix_rooms_owner_phone', ['company_id', 'owner_phone']),
      ],
    );
    await createTable(
      qr,
      'users',
      [
        col.id(),
        col.int('company_id'),
        col.str('kind', 16),
        col.str('name', 50),
        col.str('phone', 20, true),
        col.str('username', 64, true),
        col.str('password_hash', 100, true),
        col.str('roles', 255),
        col.bool('active', true),
        col.int('current_room_id', true),
        col.dt('created_at'),
      ],
      [index('uq_users_username', ['username'], true), index('ix_users_company_phone', ['company_id', 'phone'])],
    );
    await createTable(
      qr,
      'wechat_identities',
      [col.id(), col.int('user_id'), col.str('app', 16), col.str('appid', 64), col.str('openid', 64), col.str('unionid', 64, true)],
      [index('uq_wechat_identities_openid', ['appid', 'openid'], true), index('ix_wechat_identities_user', ['user_id'])],
    );
    await createTable(
      qr,
      'staff_communities',
      [
        { ...col.int('user_id'), isPrimary: true },
        { ...col.int('community_id'), isPrimary: true },
      ],
      [index('ix_staff_communities_community', ['community_id'])],
    );
    await createTable(
      qr,
      'refresh_tokens',
      [
        col.id(),
        col.int('user_id'),
        col.str('family_id', 36),
        col.str('token_hash', 64),
        col.dt('expires_at'),
        col.dt('used_at', true),
        col.dt('revoked_at', true),
        col.dt('created_at'),
      ],
      [index('uq_refresh_tokens_hash', ['token_hash'], true), index('ix_refresh_tokens_family', ['family_id'])],
    );
    await createTable(
      qr,
      'room_bindings',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.int('user_id'),
        col.str('relation', 16),
        col.str('status', 16),
        col.str('name', 50),
        col.str('verified_by', 16, true),
        col.str('reject_reason', 200, true),
        col.int('decided_by', true),
        col.dt('decided_at', true),
        col.version(),
        col.dt('created_at'),
      ],
      [
        index('ix_room_bindings_queue', ['community_id', 'status', 'id']),
        index('ix_room_bindings_user', ['user_id', 'status']),
        index('ix_room_bindings_room', ['room_id', 'status']),
      ],
    );
    await createTable(
      qr,
      'audit_logs',
      [
        col.id(),
        col.int('company_id'),
        col.int('actor_id'),
        col.str('action', 64),
        col.str('subject_type', 32),
        col.int('subject_id'),
        col.text('details'),
        col.dt('at'),
      ],
      [index('ix_audit_logs_subject', ['subject_type', 'subject_id']), index('ix_audit_logs_company_at', ['company_id', 'at'])],
    );
    await createTable(
      qr,
      'idempotency_keys',
      [
        col.id(),
        col.int('user_id'),
        col.str('key', 100),
        col.str('request_hash', 64),
        col.int('status_code', true),
        col.text('response'),
        col.dt('created_at'),
      ],
      [index('uq_idempotency_keys_user_key', ['user_id', 'key'], true)],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'idempotency_keys',
      'audit_logs',
      'room_bindings',
      'refresh_tokens',
      'staff_communities',
      'wechat_identities',
      'users',
      'rooms',
      'units',
      'buildings',
      'communities',
      'companies',
    ]) {
      await qr.dropTable(t, true);
    }
  }
}
