import { EntityManager } from 'typeorm';
import {
  maskPhone,
  PASS_KIND_LABELS,
  PASS_LINK_PAGE,
  PASS_STATE_LABELS,
  PassKind,
  PassScanView,
  PassStatus,
  PassView,
  passState,
  SCAN_REFUSAL_LABELS,
  ScanRefusal,
} from '@linli/shared';
import { utc } from '../common/sql-time';

/** A pass row with the names its views show, as one raw join returns it (both dialects). */
export interface PassRow {
  id: number;
  companyId: number;
  communityId: number;
  roomId: number;
  kind: PassKind;
  status: PassStatus;
  holderName: string;
  holderPhone: string | null;
  holderUserId: number | null;
  plate: string | null;
  validFrom: Date;
  validUntil: Date;
  entriesTotal: number | null;
  entriesUsed: number;
  linkToken: string | null;
  revokedAt: Date | null;
  revokeReason: string | null;
  createdBy: number;
  createdAt: Date;
  version: number;
  roomLabel: string;
  communityName: string;
  /** the creator's name (a visitor pass's host) */
  creatorName: string;
  /** the caller holds an approved owner binding of the room (residents' revoke right) */
  callerOwns: boolean;
}

const SELECT = `SELECT p.id, p.company_id, p.community_id, p.room_id, p.kind, p.status, p.holder_name, p.holder_phone, p.holder_user_id,
  p.plate, p.valid_from, p.valid_until, p.entries_total, p.entries_used, p.link_token, p.revoked_at, p.revoke_reason, p.created_by,
  p.created_at, p.version, r.label AS room_label, c.name AS community_name, u.name AS creator_name,
  (SELECT COUNT(*) FROM room_bindings b WHERE b.room_id = p.room_id AND b.user_id = ? AND b.status = 'approved' AND b.relation = 'owner') AS caller_owns
  FROM passes p JOIN rooms r ON r.id = p.room_id JOIN communities c ON c.id = p.community_id JOIN users u ON u.id = p.created_by`;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function passRowOf(r: Record<string, unknown>): PassRow {
  return {
    id: Number(r.id),
    companyId: Number(r.company_id),
    communityId: Number(r.community_id),
    roomId: Number(r.room_id),
    kind: r.kind as PassKind,
    status: r.status as PassStatus,
    holderName: String(r.holder_name),
    holderPhone: (r.holder_phone as string | null) ?? null,
    holderUserId: num(r.holder_user_id),
    plate: (r.plate as string | null) ?? null,
    validFrom: utc(r.valid_from)!,
    validUntil: utc(r.valid_until)!,
    entriesTotal: num(r.entries_total),
    entriesUsed: Number(r.entries_used),
    linkToken: (r.link_token as string | null) ?? null,
    revokedAt: utc(r.revoked_at),
    revokeReason: (r.revoke_reason as string | null) ?? null,
    createdBy: Number(r.created_by),
    createdAt: utc(r.created_at)!,
    version: Number(r.version),
    roomLabel: String(r.room_label ?? ''),
    communityName: String(r.community_name ?? ''),
    creatorName: String(r.creator_name ?? ''),
    callerOwns: Number(r.caller_owns ?? 0) > 0,
  };
}

/** Passes with their names, one statement; `where` over alias p (and its params after the caller id). */
export async function loadPassRows(em: EntityManager, callerId: number, where: string, params: unknown[], tail = ''): Promise<PassRow[]> {
  const rows: Record<string, unknown>[] = await em.query(`${SELECT} WHERE ${where} ${tail}`, [callerId, ...params]);
  return rows.map(passRowOf);
}

export const shareLinkOf = (token: string | null) => (token ? `/${PASS_LINK_PAGE}?token=${token}` : null);

/** Who may do what with a pass, seen from a resident (creator / holder / the room's owner) or staff. */
export function passView(p: PassRow, at: Date, rights: { staff: boolean; callerId: number; staffMayRevoke?: boolean }): PassView {
  const mine = p.createdBy === rights.callerId || p.holderUserId === rights.callerId;
  const state = passState(p, at);
  const revocable = p.status === PassStatus.Active && state !== 'expired';
  return {
    id: p.id,
    kind: p.kind,
    kindLabel: PASS_KIND_LABELS[p.kind],
    status: p.status,
    state,
    stateLabel: PASS_STATE_LABELS[state],
    communityId: p.communityId,
    roomId: p.roomId,
    roomLabel: p.roomLabel,
    holderName: p.holderName,
    holderPhone: rights.staff ? maskPhone(p.holderPhone) : p.holderPhone,
    plate: p.plate,
    validFrom: p.validFrom.toISOString(),
    validUntil: p.validUntil.toISOString(),
    entriesTotal: p.entriesTotal,
    entriesUsed: p.entriesUsed,
    shareLink: rights.staff ? null : shareLinkOf(p.linkToken),
    linkToken: rights.staff ? null : p.linkToken,
    canShowCode: !rights.staff && mine,
    canRevoke: revocable && (rights.staff ? !!rights.staffMayRevoke : mine || (p.callerOwns && p.kind === PassKind.Visitor)),
    revokedAt: p.revokedAt?.toISOString() ?? null,
    revokeReason: p.revokeReason,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}

/** A scan-log row as the scans query returns it. */
export function scanView(r: Record<string, unknown>): PassScanView {
  const manual = Number(r.manual) === 1 || r.manual === true;
  const note = manual && r.manual_note ? (JSON.parse(String(r.manual_note)) as { name?: string; room?: string; note?: string }) : null;
  const kind = (r.kind as PassKind | null) ?? null;
  const reason = (r.reason as string | null) ?? null;
  return {
    id: Number(r.id),
    passId: num(r.pass_id),
    kind,
    kindLabel: kind ? PASS_KIND_LABELS[kind] : null,
    holderName: note ? (note.name ?? null) : ((r.holder_name as string | null) ?? null),
    roomLabel: note ? (note.room ?? null) : ((r.room_label as string | null) ?? null),
    guardId: Number(r.guard_id),
    guardName: String(r.guard_name ?? ''),
    gate: (r.gate as string | null) ?? null,
    direction: r.direction as 'in' | 'out',
    result: r.result as 'green' | 'red',
    reason,
    reasonText: reason ? (SCAN_REFUSAL_LABELS[reason as ScanRefusal] ?? reason) : null,
    manual,
    manualNote: note?.note ?? null,
    clientAt: utc(r.client_at)?.toISOString() ?? null,
    scannedAt: utc(r.scanned_at)!.toISOString(),
  };
}

export const SCAN_SELECT = `SELECT s.id, s.pass_id, s.guard_id, s.gate, s.direction, s.result, s.reason, s.manual, s.manual_note, s.client_at, s.scanned_at,
  p.kind, p.holder_name, r.label AS room_label, g.name AS guard_name
  FROM pass_scans s LEFT JOIN passes p ON p.id = s.pass_id AND p.community_id = s.community_id LEFT JOIN rooms r ON r.id = p.room_id JOIN users g ON g.id = s.guard_id`;
