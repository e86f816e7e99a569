import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** A survey (问卷调查) of one community; its audience is the whole community or some buildings / units. */
@Entity('surveys')
export class Survey {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'text', nullable: true }) intro: string | null;
  @Column({ type: 'varchar', length: 16 }) status: string;
  @Column({ name: 'building_ids_json', type: 'text' }) buildingIdsJson: string;
  @Column({ name: 'unit_ids_json', type: 'text' }) unitIdsJson: string;
  @Column({ name: 'owners_only', type: 'boolean', default: false }) ownersOnly: boolean;
  @Column({ type: 'varchar', length: 8 }) per: string;
  @Column({ type: 'boolean', default: false }) anonymous: boolean;
  @DateTimeColumn({ name: 'publish_at', nullable: true }) publishAt: Date | null;
  @DateTimeColumn({ name: 'close_at' }) closeAt: Date;
  @DateTimeColumn({ name: 'published_at', nullable: true }) publishedAt: Date | null;
  @DateTimeColumn({ name: 'closed_at', nullable: true }) closedAt: Date | null;
  @DateTimeColumn({ name: 'reminded_at', nullable: true }) remindedAt: Date | null;
  @Column({ name: 'created_by', type: 'int' }) createdBy: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'int', default: 1 }) version: number;
}

@Entity('survey_questions')
export class SurveyQuestion {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'survey_id', type: 'int' }) surveyId: number;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'varchar', length: 50, nullable: true }) section: string | null;
  @Column({ type: 'varchar', length: 8 }) kind: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ name: 'options_json', type: 'text' }) optionsJson: string;
  @Column({ type: 'boolean', default: false }) required: boolean;
  @Column({ type: 'varchar', length: 8, nullable: true }) dimension: string | null;
}

/** One household's (room_key) or one person's (user_key) answer sheet: unique per survey. */
@Entity('survey_responses')
export class SurveyResponse {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'survey_id', type: 'int' }) surveyId: number;
  @Column({ name: 'room_key', type: 'int' }) roomKey: number;
  @Column({ name: 'user_key', type: 'int' }) userKey: number;
  @Column({ name: 'room_id', type: 'int', nullable: true }) roomId: number | null;
  @Column({ name: 'building_id', type: 'int', nullable: true }) buildingId: number | null;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 16 }) status: string;
  @DateTimeColumn({ name: 'submitted_at', nullable: true }) submittedAt: Date | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'int', default: 1 }) version: number;
}

@Entity('survey_answers')
export class SurveyAnswer {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'survey_id', type: 'int' }) surveyId: number;
  @Column({ name: 'response_id', type: 'int' }) responseId: number;
  @Column({ name: 'question_id', type: 'int' }) questionId: number;
  @Column({ name: 'choices_json', type: 'varchar', length: 200, nullable: true }) choicesJson: string | null;
  @Column({ type: 'int', nullable: true }) score: number | null;
  @Column({ type: 'text', nullable: true }) text: string | null;
}

/** Per company: which satisfaction formula its results print (top_two_share by default). */
@Entity('engage_settings')
export class EngageSetting {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'index_formula', type: 'varchar', length: 16 }) indexFormula: string;
  @Column({ name: 'updated_by', type: 'int', nullable: true }) updatedBy: number | null;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'int', default: 1 }) version: number;
}

export const SURVEY_ENTITIES = [Survey, SurveyQuestion, SurveyResponse, SurveyAnswer, EngageSetting];
