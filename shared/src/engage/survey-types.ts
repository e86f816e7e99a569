import type { SatisfactionIndex, SatisfactionMethod } from './satisfaction-index';

/** draft → (scheduled →) published → closed */
export type SurveyStatus = 'draft' | 'scheduled' | 'published' | 'closed';
export type SurveyQuestionKind = 'single' | 'multi' | 'scale' | 'text';
/** one answer per household (room) or per person */
export type SurveyPer = 'room' | 'person';
export type SurveyResponseStatus = 'draft' | 'submitted';

/** A question as staff write it. `options` for single/multi; a scale is always 1–5 (不满意 … 满意). */
export interface SurveyQuestionInput {
  section?: string | null;
  kind: SurveyQuestionKind;
  title: string;
  options?: string[];
  required?: boolean;
  /** 客服 / 维修 / 保洁 / 绿化 / 安保 / 收费 / 总体, or null */
  dimension?: string | null;
}

export interface SurveyQuestionView {
  id: number;
  seq: number;
  section: string | null;
  kind: SurveyQuestionKind;
  title: string;
  options: string[];
  required: boolean;
  dimension: string | null;
}

/** The survey as staff see it (drafts included). */
export interface SurveyView {
  id: number;
  communityId: number;
  communityName: string;
  title: string;
  intro: string | null;
  status: SurveyStatus;
  /** both empty: the whole community */
  buildingIds: number[];
  unitIds: number[];
  ownersOnly: boolean;
  per: SurveyPer;
  anonymous: boolean;
  publishAt: string | null;
  closeAt: string;
  publishedAt: string | null;
  closedAt: string | null;
  remindedAt: string | null;
  version: number;
  questions: SurveyQuestionView[];
  createdAt: string;
}

export interface SurveyListItem {
  id: number;
  communityId: number;
  communityName: string;
  title: string;
  status: SurveyStatus;
  per: SurveyPer;
  anonymous: boolean;
  publishAt: string | null;
  closeAt: string;
  responses: number;
  version: number;
}

/** One answer: `choices` (option indexes) for single/multi, `score` 1–5 for a scale, `text` for free text. */
export interface SurveyAnswerInput {
  questionId: number;
  choices?: number[];
  score?: number;
  text?: string;
}

/** A survey in the resident's 问卷调查 list. */
export interface ResidentSurveyItem {
  id: number;
  title: string;
  communityName: string;
  status: SurveyStatus;
  closeAt: string;
  anonymous: boolean;
  per: SurveyPer;
  /** the room the answer is for (per household), else null */
  roomId: number | null;
  roomLabel: string | null;
  /** null: not started */
  state: SurveyResponseStatus | null;
}

/** The answer page: the questions and the household's / person's draft or submitted answers. */
export interface ResidentSurveyView extends ResidentSurveyItem {
  intro: string | null;
  questions: SurveyQuestionView[];
  answers: SurveyAnswerInput[];
  submittedAt: string | null;
  /** the response's version (0 before the first save) */
  version: number;
  /** open and not yet submitted */
  canAnswer: boolean;
}

export interface SurveyOptionCount {
  label: string;
  count: number;
  /** share of this question's answers, 0–100 one decimal */
  percent: number;
}

export interface SurveyQuestionResult {
  questionId: number;
  seq: number;
  title: string;
  kind: SurveyQuestionKind;
  dimension: string | null;
  answered: number;
  /** single/multi: per option; scale: 5 … 1 (满意 first) */
  options: SurveyOptionCount[];
  /** a scale question's own index, else null */
  index: SatisfactionIndex | null;
  /** free text: the texts only, never who wrote them on an anonymous survey; named: with the room */
  texts: { text: string; by: string | null }[];
}

export interface SurveyBuildingResult {
  buildingId: number;
  buildingName: string;
  targeted: number;
  responded: number;
  responseRate: number;
  index: SatisfactionIndex;
}

export interface TicketRatingSummary {
  kind: 'repair' | 'complaint';
  rated: number;
  /** mean stars 1–5, one decimal; null when none */
  average: number | null;
  /** counts of 1…5 stars (index 0 unused) */
  stars: number[];
}

/** Results: the same numbers on the screen and in the Excel export. */
export interface SurveyResults {
  surveyId: number;
  title: string;
  communityName: string;
  status: SurveyStatus;
  anonymous: boolean;
  per: SurveyPer;
  /** households (per room) or persons (per person) targeted */
  targeted: number;
  responded: number;
  /** 0–100 one decimal */
  responseRate: number;
  responseRateText: string;
  method: SatisfactionMethod;
  /** every scale answer of the survey pooled */
  index: SatisfactionIndex;
  dimensions: { dimension: string; index: SatisfactionIndex }[];
  questions: SurveyQuestionResult[];
  byBuilding: SurveyBuildingResult[];
  /** the per-ticket star ratings of the same community and period: beside the index, never mixed in */
  ticketRatings: { from: string; to: string; note: string; kinds: TicketRatingSummary[] };
}

export interface EngageSettingsView {
  indexFormula: SatisfactionMethod;
  formulaText: string;
  version: number;
}
