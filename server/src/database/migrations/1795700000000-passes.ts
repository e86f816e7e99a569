import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/**
 * Passes (issue #14): every credential a guard verifies (`passes`: visitor, resident, decoration worker, parking,
 * large-item release), the scan log (`pass_scans`), decoration permits and each community's pass policy.
 */
export class Passes1795700000000 implements MigrationInterface {
  name = 'Passes1795700000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'passes',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.str('kind', 16),
        col.str('status', 16),
        col.str('holder_name', 50),
        col.str('holder_phone', 20, true),
        // the resident whose own pass this is (kind resident), else null
        col.int('holder_user_id', true),
        col.str('plate', 10, true),
        col.dt('valid_from'),
        col.dt('valid_until'),
        // null = unlimited entries
        col.int('entries_total', true),
        { ...col.int('entries_used'), default: 0 },
        // the unguessable token of a visitor's / worker's link page (no login), else null
        col.str('link_token', 48, true),
        col.int('permit_id', true),
        // the parking fee's bill line
        col.int('bill_line_id', true),
        // kind-specific details: vehicle type and insurance, items, the override of overdue bills …
        col.text('details_json'),
        col.str('review_note', 200, true),
        col.int('reviewed_by', true),
        col.dt('issued_at', true),
        col.dt('revoked_at', true),
        col.int('revoked_by', true),
        col.str('revoke_reason', 200, true),
        col.int('created_by'),
        col.dt('created_at'),
        col.dt('updated_at'),
        col.version(),
      ],
      [
        index('uq_passes_link_token', ['link_token'], true),
        index('ix_passes_room', ['room_id', 'kind', 'status']),
        index('ix_passes_queue', ['community_id', 'status', 'kind']),
        index('ix_passes_plate', ['community_id', 'plate']),
        index('ix_passes_permit', ['permit_id']),
        index('ix_passes_expiry', ['status', 'valid_until']),
      ],
    );
    await createTable(
      qr,
      'pass_scans',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id', true),
        col.int('pass_id', true),
        col.int('guard_id'),
        col.str('gate', 32, true),
        // in | out
        col.str('direction', 4),
        // green | red
        col.str('result', 8),
        col.str('reason', 24, true),
        // recorded by hand while the network was down, synced later: reviewed by a supervisor
        col.bool('manual', false),
        col.text('manual_note'),
        col.str('client_ref', 64, true),
        col.dt('client_at', true),
        col.dt('scanned_at'),
      ],
      [
        index('ix_pass_scans_community', ['community_id', 'scanned_at']),
        index('ix_pass_scans_pass', ['pass_id', 'scanned_at']),
        index('ix_pass_scans_guard', ['guard_id', 'scanned_at']),
        index('uq_pass_scans_client_ref', ['guard_id', 'client_ref'], true),
      ],
    );
    await createTable(
      qr,
      'decoration_permits',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.int('applicant_id'),
        col.str('contractor_name', 60),
        col.str('contractor_phone', 20),
        col.str('description', 500, true),
        // YYYY-MM-DD, Asia/Shanghai, both inclusive
        col.str('starts_on', 10),
        col.str('ends_on', 10),
        // [{ name, idMasked }] — only the masked ID number is ever stored
        col.text('workers_json', false),
        col.str('status', 16),
        col.str('review_note', 200, true),
        col.int('reviewed_by', true),
        col.dt('reviewed_at', true),
        col.dt('created_at'),
        col.dt('updated_at'),
        col.version(),
      ],
      [index('ix_decoration_permits_queue', ['community_id', 'status']), index('ix_decoration_permits_room', ['room_id'])],
    );
    await createTable(
      qr,
      'pass_policies',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        // WorkHours (shared/src/passes/work-hours.ts)
        col.text('work_hours_json', false),
        col.int('visitor_max_days'),
        col.int('visitor_max_entries'),
        // active visitor passes a tenant may hold per room at once
        col.int('tenant_max_visitor_passes'),
        col.int('updated_by', true),
        col.dt('updated_at'),
        col.version(),
      ],
      [index('uq_pass_policies_community', ['community_id'], true)],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['pass_policies', 'decoration_permits', 'pass_scans', 'passes']) await qr.dropTable(t);
  }
}
