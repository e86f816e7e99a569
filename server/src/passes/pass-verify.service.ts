import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  checkPass,
  consumesUse,
  DEFAULT_WORK_HOURS,
  maskPhone,
  PASS_KIND_LABELS,
  PassKind,
  PassStatus,
  SCAN_REFUSAL_LABELS,
  ScanRefusal,
  ScanResultView,
  WorkHours,
} from '@linli/shared';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { utc } from '../common/sql-time';
import { insertRow } from '../database/insert-row';
import { VerifyPassDto } from './dto/passes.dto';
import { Pass } from './entities/pass.entity';
import { PassScan } from './entities/pass-scan.entity';
import { PassCodes } from './pass-codes';
import { VerifyRate } from './verify-rate';

// the pass, its room, its community's work hours and (residents' own passes) whether the holder is still bound
const LOAD_SQL = `SELECT p.id, p.company_id, p.community_id, p.kind, p.status, p.holder_name, p.holder_phone, p.plate, p.valid_from, p.valid_until,
  p.entries_total, p.entries_used, r.label AS room_label, pp.work_hours_json,
  CASE WHEN p.kind = 'resident' THEN (SELECT COUNT(*) FROM room_bindings b WHERE b.room_id = p.room_id AND b.user_id = p.holder_user_id AND b.status = 'approved') ELSE 1 END AS bound
  FROM passes p JOIN rooms r ON r.id = p.room_id LEFT JOIN pass_policies pp ON pp.community_id = p.community_id WHERE p.id = ?`;

type Loaded = Record<string, unknown>;
type Outcome = { reason: ScanRefusal | null; detail: string | null; pass: Loaded | null; inScope: boolean; passId?: number | null; consuming?: boolean };

/**
 * The guard's scan: the code's signature and age (no statement), the pass (one statement), the rules, an entry
 * consumed by one conditional UPDATE (so concurrent scans of a single-entry pass give exactly one green), and the
 * scan logged, red ones too: three statements for a green entry, no transaction (the UPDATE is the only decision).
 */
@Injectable()
export class PassVerifyService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly codes: PassCodes,
    private readonly rate: VerifyRate,
  ) {}

  async verify(caller: Caller, dto: VerifyPassDto): Promise<ScanResultView> {
    this.rate.take(caller.userId);
    const scope = await this.scopes.resolve(caller);
    const at = this.clock.now();
    const o = await this.decide(dto.code, at, scope.communityIds, caller.companyId, dto.direction);
    const p = o.pass;
    const green = o.reason === null;
    let entriesUsed = p ? Number(p.entries_used) : 0;
    if (green && p && o.consuming && p.entries_total !== null) {
      const res = await this.ds
        .createQueryBuilder()
        .update(Pass)
        .set({ entriesUsed: () => 'entries_used + 1' })
        .where('id = :id AND status = :active AND (entries_total IS NULL OR entries_used < entries_total)', { id: Number(p.id), active: PassStatus.Active })
        .execute();
      if (!res.affected) o.reason = ScanRefusal.UsedUp;
      else entriesUsed++;
    }
    const scanId = await insertRow(this.ds.manager, PassScan, {
      companyId: caller.companyId,
      communityId: p && o.inScope ? Number(p.community_id) : null,
      // a stale code names its pass (logged, not loaded); the log shows a pass's name only within its own community
      passId: p ? Number(p.id) : (o.passId ?? null),
      guardId: caller.userId,
      gate: dto.gate ?? null,
      direction: dto.direction,
      result: o.reason === null ? 'green' : 'red',
      reason: o.reason,
      manual: false,
      manualNote: null,
      clientRef: null,
      clientAt: null,
      scannedAt: at,
    });
    return this.view(scanId, o, p && o.inScope ? p : null, entriesUsed, dto.direction, at);
  }

  private async decide(code: string, at: Date, communityIds: number[], companyId: number, direction: 'in' | 'out'): Promise<Outcome> {
    const c = this.codes.check(code, at);
    if (!c.ok) return { reason: c.reason, detail: null, pass: null, inScope: false, passId: c.passId };
    const [p]: Loaded[] = await this.ds.query(LOAD_SQL, [c.passId]);
    if (!p) return { reason: ScanRefusal.UnknownPass, detail: null, pass: null, inScope: false };
    // another company's pass is another community's: nothing about it is shown
    const ids = Number(p.company_id) === companyId ? communityIds : [];
    const hours = p.work_hours_json ? (JSON.parse(String(p.work_hours_json)) as WorkHours) : DEFAULT_WORK_HOURS;
    const checkable = {
      kind: p.kind as PassKind,
      status: p.status as PassStatus,
      communityId: Number(p.community_id),
      validFrom: utc(p.valid_from)!,
      validUntil: utc(p.valid_until)!,
      entriesTotal: p.entries_total === null ? null : Number(p.entries_total),
      entriesUsed: Number(p.entries_used),
    };
    const consuming = consumesUse(checkable.kind, direction);
    const r = checkPass(checkable, { at, communityIds: ids, workHours: hours, consuming });
    const inScope = ids.includes(checkable.communityId);
    if (!r.ok) return { reason: r.reason, detail: r.detail ?? null, pass: p, inScope, consuming };
    if (Number(p.bound) === 0) return { reason: ScanRefusal.Revoked, detail: '持证住户已不再绑定该房屋', pass: p, inScope, consuming };
    return { reason: null, detail: null, pass: p, inScope, consuming };
  }

  private view(scanId: number, o: Outcome, p: Loaded | null, entriesUsed: number, direction: 'in' | 'out', at: Date): ScanResultView {
    const total = p && p.entries_total !== null ? Number(p.entries_total) : null;
    return {
      scanId,
      result: o.reason === null ? 'green' : 'red',
      reason: o.reason,
      reasonText: o.reason ? SCAN_REFUSAL_LABELS[o.reason] : null,
      detail: o.detail,
      pass: p && {
        id: Number(p.id),
        kind: p.kind as PassKind,
        kindLabel: PASS_KIND_LABELS[p.kind as PassKind],
        status: p.status as PassStatus,
        holderName: String(p.holder_name),
        holderPhoneMasked: maskPhone(p.holder_phone as string | null),
        roomLabel: String(p.room_label),
        plate: (p.plate as string | null) ?? null,
        validFrom: utc(p.valid_from)!.toISOString(),
        validUntil: utc(p.valid_until)!.toISOString(),
        entriesTotal: total,
        entriesLeft: total === null ? null : Math.max(0, total - entriesUsed),
      },
      direction,
      scannedAt: at.toISOString(),
    };
  }
}
