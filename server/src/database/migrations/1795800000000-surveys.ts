import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/**
 * Surveys (issue #15): the survey with its audience, its questions, one response per household (room) or person —
 * the unique key (survey_id, room_key, user_key) makes concurrent submits of one household end in one answer — the
 * answers, and each company's choice of satisfaction formula (engage_settings).
 */
export class Surveys1795800000000 implements MigrationInterface {
  name = 'Surveys1795800000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'surveys',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.str('title', 100),
        col.text('intro'),
        // draft | scheduled | published | closed
        col.str('status', 16),
        // JSON arrays; both empty = the whole community
        col.text('building_ids_json', false),
        col.text('unit_ids_json', false),
        col.bool('owners_only', false),
        // room | person
        col.str('per', 8),
        col.bool('anonymous', false),
        col.dt('publish_at', true),
        col.dt('close_at'),
        col.dt('published_at', true),
        col.dt('closed_at', true),
        // the one reminder before closing went out
        col.dt('reminded_at', true),
        col.int('created_by'),
        col.dt('created_at'),
        col.dt('updated_at'),
        col.version(),
      ],
      [index('ix_surveys_community', ['company_id', 'community_id', 'status']), index('ix_surveys_due', ['status', 'close_at'])],
    );
    await createTable(
      qr,
      'survey_questions',
      [
        col.id(),
        col.int('survey_id'),
        col.int('seq'),
        col.str('section', 50, true),
        // single | multi | scale | text
        col.str('kind', 8),
        col.str('title', 200),
        col.text('options_json', false),
        col.bool('required', false),
        col.str('dimension', 8, true),
      ],
      [index('ix_survey_questions_survey', ['survey_id', 'seq'])],
    );
    await createTable(
      qr,
      'survey_responses',
      [
        col.id(),
        col.int('company_id'),
        col.int('survey_id'),
        // per room: the room, user_key 0; per person: room_key 0, the user
        col.int('room_key'),
        col.int('user_key'),
        col.int('room_id', true),
        col.int('building_id', true),
        // who saved or submitted last (never shown for an anonymous survey)
        col.int('user_id'),
        // draft | submitted
        col.str('status', 16),
        col.dt('submitted_at', true),
        col.dt('created_at'),
        col.dt('updated_at'),
        col.version(),
      ],
      [index('uq_survey_responses_one', ['survey_id', 'room_key', 'user_key'], true), index('ix_survey_responses_status', ['survey_id', 'status'])],
    );
    await createTable(
      qr,
      'survey_answers',
      [
        col.id(),
        col.int('survey_id'),
        col.int('response_id'),
        col.int('question_id'),
        col.str('choices_json', 200, true),
        col.int('score', true),
        col.text('text'),
      ],
      [index('ix_survey_answers_response', ['response_id']), index('ix_survey_answers_question', ['survey_id', 'question_id'])],
    );
    await createTable(
      qr,
      'engage_settings',
      [col.id(), col.int('company_id'), col.str('index_formula', 16), col.int('updated_by', true), col.dt('updated_at'), col.version()],
      [index('uq_engage_settings_company', ['company_id'], true)],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['engage_settings', 'survey_answers', 'survey_responses', 'survey_questions', 'surveys']) await qr.dropTable(t, true);
  }
}
