import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/**
 * Return visits and customer visits (issue #15): new residents' return-visit tasks (one per room and resident),
 * customer visits (客户访谈) and the issues raised in them (each linked to the repair or complaint it became).
 */
export class Visits1795810000000 implements MigrationInterface {
  name = 'Visits1795810000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'new_resident_visits',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.int('user_id'),
        col.int('binding_id'),
        col.dt('bound_at'),
        col.dt('due_at'),
        // open | done
        col.str('status', 8),
        // satisfied | unsatisfied | no_answer
        col.str('result', 16, true),
        col.str('notes', 500, true),
        col.int('visited_by', true),
        col.dt('visited_at', true),
        col.dt('created_at'),
        col.version(),
      ],
      [index('uq_new_resident_visits_room_user', ['room_id', 'user_id'], true), index('ix_new_resident_visits_queue', ['community_id', 'status', 'due_at'])],
    );
    await createTable(
      qr,
      'customer_visits',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        // null: a random visit in a public place
        col.int('room_id', true),
        col.str('household_name', 50, true),
        // phone | door | random
        col.str('mode', 8),
        // the manager's in-depth visit
        col.bool('deep', false),
        col.dt('visited_at'),
        col.int('visitor_id'),
        col.str('notes', 1000, true),
        col.dt('created_at'),
        col.version(),
      ],
      [index('ix_customer_visits_community', ['community_id', 'visited_at']), index('ix_customer_visits_room', ['room_id', 'visited_at'])],
    );
    await createTable(
      qr,
      'visit_issues',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('visit_id'),
        // repair | complaint
        col.str('kind', 16),
        col.str('text', 500),
        col.int('ticket_id', true),
        col.int('created_by'),
        col.dt('created_at'),
        col.version(),
      ],
      [index('ix_visit_issues_visit', ['visit_id']), index('ix_visit_issues_ticket', ['ticket_id'])],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['visit_issues', 'customer_visits', 'new_resident_visits']) await qr.dropTable(t);
  }
}
