import { EntityManager } from 'typeorm';
import {
  checkPass,
  ClockName,
  DEFAULT_WORK_HOURS,
  formatWorkHours,
  maskPhone,
  PASS_SUBJECT,
  PermitListItem,
  PermitPassView,
  PERMIT_STATUS_LABELS,
  PERMIT_SUBJECT,
  PermitStatus,
  PermitView,
  SCAN_REFUSAL_LABELS,
  ScanRefusal,
  WorkHours,
} from '@linli/shared';
import { Caller } from '../common/caller';
import { fromJson, jsonRow, jsonRows } from '../database/json-rows';
import { clockView } from '../sla/clocks.service';
import { SlaClock } from '../sla/entities/clock.entity';
import { PermitWorker } from './entities/decoration-permit.entity';
import { Pass } from './entities/pass.entity';

/** A permit as one statement reads it: the row, its room and community, names, the review clock, passes and their clocks. */
export interface PermitRow {
  id: number;
  companyId: number;
  communityId: number;
  roomId: number;
  applicantId: number;
  contractorName: string;
  contractorPhone: string;
  description: string | null;
  startsOn: string;
  endsOn: string;
  workers: PermitWorker[];
  status: PermitStatus;
  reviewNote: string | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  createdAt: Date;
  version: number;
  roomLabel: string;
  communityName: string;
  applicantName: string | null;
  reviewerName: string | null;
  workHours: WorkHours;
  reviewClock: SlaClock | null;
  passes: Pass[];
  passClocks: SlaClock[];
  /** the applicant accepted a 装修申请审核结果 WeChat message (a subscribe balance left) */
  ownerConsented: boolean;
}

type Raw = Record<string, unknown>;
const n = (v: unknown) => Number(v);
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v).replace(' ', 'T').replace(/Z?$/, 'Z')));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const reviewClockSql = (em: EntityManager) =>
  jsonRow(em, SlaClock, 'k', `FROM clocks k WHERE k.subject_type = '${PERMIT_SUBJECT}' AND k.subject_id = p.id AND k.name = '${ClockName.PermitReview}'`);

const BASE = `p.id, p.company_id, p.community_id, p.room_id, p.applicant_id, p.contractor_name, p.contractor_phone, p.description,
  p.starts_on, p.ends_on, p.workers_json, p.status, p.review_note, p.reviewed_by, p.reviewed_at, p.created_at, p.version,
  r.label AS room_label, c.name AS community_name`;

/** The permit with everything its detail and its changes need: one statement. */
export async function loadPermit(em: EntityManager, id: number, companyId: number): Promise<PermitRow | null> {
  const [raw]: Raw[] = await em.query(
    `SELECT ${BASE}, a.name AS applicant_name, rv.name AS reviewer_name,
       (SELECT pp.work_hours_json FROM pass_policies pp WHERE pp.community_id = p.community_id) AS work_hours_json,
       ${reviewClockSql(em)} AS review_clock,
       ${jsonRows(em, Pass, 'ps', 'FROM passes ps WHERE ps.permit_id = p.id')} AS passes_json,
       ${jsonRows(em, SlaClock, 'k2', `FROM clocks k2 WHERE k2.subject_type = '${PASS_SUBJECT}' AND k2.subject_id IN (SELECT q.id FROM passes q WHERE q.permit_id = p.id)`)} AS pass_clocks,
       (SELECT COUNT(*) FROM subscribe_balances s WHERE s.user_id = p.applicant_id AND s.template = 'permit_decided' AND s.balance > 0) AS consented
     FROM decoration_permits p JOIN rooms r ON r.id = p.room_id JOIN communities c ON c.id = p.community_id
       LEFT JOIN users a ON a.id = p.applicant_id LEFT JOIN users rv ON rv.id = p.reviewed_by
     WHERE p.id = ? AND p.company_id = ?`,
    [id, companyId],
  );
  if (!raw) return null;
  const review = fromJson(em, SlaClock, raw.review_clock);
  return {
    ...baseOf(raw),
    applicantName: str(raw.applicant_name),
    reviewerName: str(raw.reviewer_name),
    workHours: raw.work_hours_json ? (JSON.parse(String(raw.work_hours_json)) as WorkHours) : DEFAULT_WORK_HOURS,
    reviewClock: review[0]?.id ? review[0] : null,
    passes: fromJson(em, Pass, raw.passes_json).sort((x, y) => x.id - y.id),
    passClocks: fromJson(em, SlaClock, raw.pass_clocks),
    ownerConsented: n(raw.consented) > 0,
  };
}

function baseOf(raw: Raw) {
  return {
    id: n(raw.id),
    companyId: n(raw.company_id),
    communityId: n(raw.community_id),
    roomId: n(raw.room_id),
    applicantId: n(raw.applicant_id),
    contractorName: String(raw.contractor_name),
    contractorPhone: String(raw.contractor_phone),
    description: str(raw.description),
    startsOn: String(raw.starts_on),
    endsOn: String(raw.ends_on),
    workers: JSON.parse(String(raw.workers_json)) as PermitWorker[],
    status: String(raw.status) as PermitStatus,
    reviewNote: str(raw.review_note),
    reviewedBy: raw.reviewed_by === null ? null : n(raw.reviewed_by),
    reviewedAt: date(raw.reviewed_at),
    createdAt: date(raw.created_at)!,
    version: n(raw.version),
    roomLabel: String(raw.room_label),
    communityName: String(raw.community_name),
  };
}

export type ListRow = ReturnType<typeof baseOf> & { reviewClock: SlaClock | null };

/** A page of permits (`where` over alias p), newest first or — the queue — oldest first; one statement. */
export async function listPermits(em: EntityManager, where: string, params: unknown[], oldestFirst: boolean, limit: number): Promise<ListRow[]> {
  const rows: Raw[] = await em.query(
    `SELECT ${BASE}, ${reviewClockSql(em)} AS review_clock
       FROM decoration_permits p JOIN rooms r ON r.id = p.room_id JOIN communities c ON c.id = p.community_id
      WHERE ${where} ORDER BY p.id ${oldestFirst ? 'ASC' : 'DESC'} LIMIT ${limit + 1}`,
    params,
  );
  return rows.map((raw) => {
    const review = fromJson(em, SlaClock, raw.review_clock);
    return { ...baseOf(raw), reviewClock: review[0]?.id ? review[0] : null };
  });
}

export function listItem(r: ListRow, now: Date): PermitListItem {
  return {
    id: r.id,
    communityId: r.communityId,
    communityName: r.communityName,
    roomId: r.roomId,
    roomLabel: r.roomLabel,
    contractorName: r.contractorName,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    workerCount: r.workers.length,
    status: r.status,
    statusLabel: PERMIT_STATUS_LABELS[r.status],
    createdAt: r.createdAt.toISOString(),
    reviewClock: r.reviewClock ? clockView(r.reviewClock, now) : null,
    version: r.version,
  };
}

const DECIDERS = ['supervisor', 'manager', 'admin'] as const;
export const mayDecide = (c: Caller) => c.kind === 'staff' && c.roles.some((r) => (DECIDERS as readonly string[]).includes(r));

function actionsOf(p: PermitRow, c: Caller): PermitView['actions'] {
  const owner = c.kind === 'resident' && c.userId === p.applicantId;
  if (p.status === PermitStatus.Submitted) return owner ? ['cancel'] : mayDecide(c) ? ['approve', 'return'] : [];
  if (p.status === PermitStatus.Approved) return owner || mayDecide(c) ? ['revoke'] : [];
  return [];
}

/** What a guard's scan would answer now, by the same rule (checkPass) the verify endpoint applies. */
export function passView(pass: Pass, clocks: SlaClock[], workHours: WorkHours, owner: boolean, now: Date): PermitPassView {
  const check = checkPass(pass, { at: now, communityIds: [pass.communityId], workHours, consuming: true });
  const refusal: ScanRefusal | null = check.ok ? null : check.reason;
  const clock = clocks.find((k) => k.subjectId === pass.id && k.name === ClockName.PassIssue);
  return {
    id: pass.id,
    holderName: pass.holderName,
    status: pass.status,
    validFrom: pass.validFrom.toISOString(),
    validUntil: pass.validUntil.toISOString(),
    linkToken: owner ? pass.linkToken : null,
    issuedAt: pass.issuedAt?.toISOString() ?? null,
    validNow: check.ok,
    outsideHours: refusal === ScanRefusal.OutsideWorkHours,
    refusal,
    refusalText: refusal ? SCAN_REFUSAL_LABELS[refusal] : null,
    clock: clock ? clockView(clock, now) : null,
  };
}

export function permitView(p: PermitRow, c: Caller, now: Date): PermitView {
  const owner = c.kind === 'resident' && c.userId === p.applicantId;
  return {
    ...listItem(p, now),
    applicantName: p.applicantName,
    contractorPhone: owner ? p.contractorPhone : (maskPhone(p.contractorPhone) ?? ''),
    description: p.description,
    workers: p.workers.map((w) => ({ name: w.name, idMasked: w.idMasked })),
    reviewNote: p.reviewNote,
    reviewedByName: p.reviewerName,
    reviewedAt: p.reviewedAt?.toISOString() ?? null,
    passes: p.passes.map((ps) => passView(ps, p.passClocks, p.workHours, owner, now)),
    workHoursText: formatWorkHours(p.workHours),
    actions: actionsOf(p, c),
  };
}
