import { ArrearsAge } from '../reports/arrears-age';

/**
 * The monthly report (客服部月度工作统计表) and the manager's dashboard: one community or the whole company
 * (`communityId` null) for a Shanghai month `YYYY-MM`. Every figure carries the filter of the rows behind it
 * (`drill`), which `GET /api/reports/drill` lists with the same filter.
 */

/** What a figure counts, as the drill-down route takes it (query parameters). */
export interface ReportDrill {
  /** tickets | clocks (breached or all of one clock) | bills | passes | visits | notices | return_visits */
  kind: 'tickets' | 'clocks' | 'bills' | 'passes' | 'visits' | 'notices' | 'return_visits';
  filter: Record<string, string | number | boolean>;
}

export interface ReportFigure {
  /** stable key, e.g. `complaints.class.2`, `repairs.tier.critical`, `passes.kind.visitor` */
  key: string;
  label: string;
  value: number;
  /** the same figure the month before (month over month); null when not computed */
  previous: number | null;
  drill: ReportDrill | null;
}

/** SLA compliance of one clock (初步反馈 ≤ 1 h, 派单 ≤ 2 min, 到场 by tier, 首次答复 ≤ 1 h, 书面答复 ≤ 3 working days, 签发 …). */
export interface ReportSlaLine {
  /** clock name, with the tier / pass kind where the target differs: `arrival.critical`, `pass_issue.visitor` */
  key: string;
  label: string;
  /** the standard as printed: 「≤ 5 分钟」「≤ 3 个工作日」 */
  target: string;
  total: number;
  met: number;
  breached: number;
  /** 0…1, null without clocks */
  metShare: number | null;
  medianMs: number | null;
  p90Ms: number | null;
  /** the breaches: the clocks, their tickets / passes and who was escalated to */
  drill: ReportDrill;
}

export interface ReportSatisfaction {
  /** the survey index of the surveys closing in the month (0…1), null without one */
  surveyIndex: number | null;
  /** printed beside the index on every screen and export */
  surveyFormula: string;
  surveyResponses: number;
  /** of the surveys counted, how many are still open (their answers so far) */
  surveysOpen: number;
  /** the post-ticket star ratings (1–5) of the month: reported beside the index, never mixed in */
  ticketRatingAverage: number | null;
  ticketRatings: number;
}

export interface ReportFees {
  billedCents: number;
  waivedCents: number;
  collectedCents: number;
  /** 0…1, null when nothing was billed */
  collectionRate: number | null;
  collectionFormula: string;
  /** open principal at the month's end by age */
  arrearsByAge: Record<ArrearsAge, number>;
  /** the bill lines behind the billed figure and behind each age bucket (kind `bills`, filter `bills`) */
  drill: { billed: ReportDrill; arrears: Record<ArrearsAge, ReportDrill> };
}

export interface ReportCommunityBar {
  communityId: number;
  communityName: string;
  tickets: number;
  /** share of clocks met, all clocks together */
  slaMetShare: number | null;
  collectionRate: number | null;
}

export interface MonthlyReportView {
  period: string;
  previousPeriod: string;
  communityId: number | null;
  communityName: string | null;
  /** counts: complaints by class and category, suggestions, inquiries, praise; repairs by tier, category, channel;
   *  return visits done and due; customer visits against the plan; notices published; passes issued by kind */
  figures: ReportFigure[];
  sla: ReportSlaLine[];
  satisfaction: ReportSatisfaction;
  fees: ReportFees;
  /** company-wide only: one bar per community the caller sees */
  communities: ReportCommunityBar[];
  /** the last 6 months of the key numbers (tickets, SLA met share, collection rate), oldest first */
  trend: { period: string; tickets: number; slaMetShare: number | null; collectionRate: number | null }[];
  generatedAt: string;
  /** when the closed months shown were last rolled up (their figures are as of then); null: all computed live */
  rolledUpAt: string | null;
}

/** One row behind a figure: a ticket, a clock, a bill line, a pass, a visit or a notice. */
export interface ReportDrillRow {
  id: number;
  /** ticket or receipt number, pass kind, … */
  no: string;
  title: string;
  communityName: string;
  at: string;
  /** e.g. 超时 23 分钟 / 升级至 张经理 / 欠费 3 个月 */
  detail: string | null;
  /** the app link of the row (`/repairs/12`, `/complaints/5`, `/passes/9`) */
  link: string | null;
}
