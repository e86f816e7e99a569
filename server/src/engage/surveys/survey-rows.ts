import { EntityManager } from 'typeorm';
import { SurveyListItem, SurveyPer, SurveyQuestionKind, SurveyQuestionView, SurveyStatus, SurveyView } from '@linli/shared';
import { utc } from '../../common/sql-time';

/** A survey row as the raw queries return it (snake_case, drivers' types). */
export interface SurveyRow {
  id: number;
  companyId: number;
  communityId: number;
  communityName: string;
  title: string;
  intro: string | null;
  status: SurveyStatus;
  buildingIds: number[];
  unitIds: number[];
  ownersOnly: boolean;
  per: SurveyPer;
  anonymous: boolean;
  publishAt: Date | null;
  closeAt: Date;
  publishedAt: Date | null;
  closedAt: Date | null;
  remindedAt: Date | null;
  createdAt: Date;
  version: number;
}

export const SURVEY_COLUMNS = `s.id, s.company_id, s.community_id, c.name AS community_name, s.title, s.intro, s.status, s.building_ids_json,
  s.unit_ids_json, s.owners_only, s.per, s.anonymous, s.publish_at, s.close_at, s.published_at, s.closed_at, s.reminded_at, s.created_at, s.version`;

type Raw = Record<string, unknown>;
const bool = (v: unknown) => v === true || Number(v) === 1;
const ids = (v: unknown): number[] => (v ? (JSON.parse(String(v)) as number[]) : []);

export function surveyRow(r: Raw): SurveyRow {
  return {
    id: Number(r.id),
    companyId: Number(r.company_id),
    communityId: Number(r.community_id),
    communityName: String(r.community_name ?? ''),
    title: String(r.title),
    intro: (r.intro as string | null) ?? null,
    status: r.status as SurveyStatus,
    buildingIds: ids(r.building_ids_json),
    unitIds: ids(r.unit_ids_json),
    ownersOnly: bool(r.owners_only),
    per: r.per as SurveyPer,
    anonymous: bool(r.anonymous),
    publishAt: utc(r.publish_at),
    closeAt: utc(r.close_at)!,
    publishedAt: utc(r.published_at),
    closedAt: utc(r.closed_at),
    remindedAt: utc(r.reminded_at),
    createdAt: utc(r.created_at)!,
    version: Number(r.version),
  };
}

export function questionView(r: Raw): SurveyQuestionView {
  return {
    id: Number(r.id),
    seq: Number(r.seq),
    section: (r.section as string | null) ?? null,
    kind: r.kind as SurveyQuestionKind,
    title: String(r.title),
    options: JSON.parse(String(r.options_json || '[]')) as string[],
    required: bool(r.required),
    dimension: (r.dimension as string | null) ?? null,
  };
}

/** The survey of the company with its community's name (one statement), or null. */
export async function loadSurvey(em: EntityManager, id: number, companyId: number): Promise<SurveyRow | null> {
  const [r] = (await em.query(`SELECT ${SURVEY_COLUMNS} FROM surveys s JOIN communities c ON c.id = s.community_id WHERE s.id = ? AND s.company_id = ?`, [
    id,
    companyId,
  ])) as Raw[];
  return r ? surveyRow(r) : null;
}

export async function loadQuestions(em: EntityManager, surveyId: number): Promise<SurveyQuestionView[]> {
  const rows = (await em.query(
    'SELECT id, seq, section, kind, title, options_json, required, dimension FROM survey_questions WHERE survey_id = ? ORDER BY seq',
    [surveyId],
  )) as Raw[];
  return rows.map(questionView);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function surveyView(s: SurveyRow, questions: SurveyQuestionView[]): SurveyView {
  return {
    id: s.id,
    communityId: s.communityId,
    communityName: s.communityName,
    title: s.title,
    intro: s.intro,
    status: s.status,
    buildingIds: s.buildingIds,
    unitIds: s.unitIds,
    ownersOnly: s.ownersOnly,
    per: s.per,
    anonymous: s.anonymous,
    publishAt: iso(s.publishAt),
    closeAt: s.closeAt.toISOString(),
    publishedAt: iso(s.publishedAt),
    closedAt: iso(s.closedAt),
    remindedAt: iso(s.remindedAt),
    version: s.version,
    questions,
    createdAt: s.createdAt.toISOString(),
  };
}

export function listItem(s: SurveyRow, responses: number): SurveyListItem {
  return {
    id: s.id,
    communityId: s.communityId,
    communityName: s.communityName,
    title: s.title,
    status: s.status,
    per: s.per,
    anonymous: s.anonymous,
    publishAt: iso(s.publishAt),
    closeAt: s.closeAt.toISOString(),
    responses,
    version: s.version,
  };
}

/** One resident eligible for a survey: an approved binding to a room in the audience (owners only if asked). */
export interface AudienceMember {
  userId: number;
  roomId: number;
  roomLabel: string;
  buildingId: number;
  unitId: number;
  relation: string;
}

export function inAudience(s: Pick<SurveyRow, 'buildingIds' | 'unitIds' | 'ownersOnly'>, m: Omit<AudienceMember, 'userId' | 'roomLabel'>): boolean {
  if (s.ownersOnly && m.relation !== 'owner') return false;
  if (!s.buildingIds.length && !s.unitIds.length) return true;
  return s.buildingIds.includes(m.buildingId) || s.unitIds.includes(m.unitId);
}

/** Every resident the survey targets (one statement). */
export async function audienceOf(em: EntityManager, s: SurveyRow): Promise<AudienceMember[]> {
  const rows = (await em.query(
    `SELECT b.user_id, b.room_id, b.relation, r.building_id, r.unit_id, r.label FROM room_bindings b JOIN rooms r ON r.id = b.room_id
     WHERE b.company_id = ? AND b.community_id = ? AND b.status = 'approved'`,
    [s.companyId, s.communityId],
  )) as Raw[];
  return rows
    .map((r) => ({
      userId: Number(r.user_id),
      roomId: Number(r.room_id),
      roomLabel: String(r.label),
      buildingId: Number(r.building_id),
      unitId: Number(r.unit_id),
      relation: String(r.relation),
    }))
    .filter((m) => inAudience(s, m));
}

/** The response key: per room (room, 0), per person (0, user). */
export const responseKey = (per: SurveyPer, roomId: number, userId: number) =>
  per === 'room' ? { roomKey: roomId, userKey: 0 } : { roomKey: 0, userKey: userId };
