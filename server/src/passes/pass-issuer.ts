import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ClockName, PASS_SUBJECT, passIssueDue, PassKind, PassStatus } from '@linli/shared';
import { insertedIds } from '../database/insert-row';
import { execute } from '../fees/ledger-sql';
import { sqlTime } from '../common/sql-time';
import { SlaClock } from '../sla/entities/clock.entity';
import { Pass } from './entities/pass.entity';

/** A pass about to be written; issued (active) at once, or waiting (consent / payment / review). */
export type NewPass = Omit<Pass, 'id' | 'entriesUsed' | 'issuedAt' | 'revokedAt' | 'revokedBy' | 'revokeReason' | 'reviewedBy' | 'reviewNote' | 'version'> &
  Partial<Pick<Pass, 'reviewNote'>>;

/** A pass as its clock needs it. */
export type PassRef = Pick<Pass, 'id' | 'companyId' | 'communityId' | 'kind'>;

const WAITING: PassStatus[] = [PassStatus.PendingConsent, PassStatus.PendingPayment, PassStatus.Review];

/**
 * A clock row written in the same statement as the passes' clocks (a permit's review clock met by the approval that
 * issues its passes): inserted, or, when the subject already has that clock, its state / met_at / breached updated.
 */
export type ClockUpsert = ReturnType<typeof clockRow>;

/**
 * Every feature's way of writing passes and their issue clock (ClockName.PassIssue, DOMAIN.md: 2 / 10 / 60 minutes),
 * always inside the caller's transaction and set-based: N passes cost one INSERT and one clock statement.
 */
@Injectable()
export class PassIssuer {
  /**
   * Inserts the passes (one statement) and their clocks (one statement). An active pass gets a clock met at `at`; a
   * pass in review gets a running clock from `at`; one waiting for consent or payment gets none yet (startClocks).
   */
  async create(em: EntityManager, rows: NewPass[], at: Date, alsoClocks: ClockUpsert[] = []): Promise<number[]> {
    if (!rows.length) return [];
    const values = rows.map((r) => ({ ...r, entriesUsed: 0, issuedAt: r.status === PassStatus.Active ? at : null, version: 1 }));
    const res = await em.createQueryBuilder().insert().into(Pass).values(values).updateEntity(false).execute();
    const ids = insertedIds(res.raw, rows.length, em.connection.options.type === 'mysql');
    const clocks = rows
      .map((r, i) => ({ r, id: ids[i] }))
      .filter(({ r }) => r.status === PassStatus.Active || r.status === PassStatus.Review)
      .map(({ r, id }) => clockRow(r.companyId, r.communityId, id, r.kind, at, r.status === PassStatus.Active));
    if (alsoClocks.length) await upsertClocks(em, [...clocks, ...alsoClocks]);
    else if (clocks.length) await em.createQueryBuilder().insert().into(SlaClock).values(clocks).updateEntity(false).execute();
    return ids;
  }

  /** Starts the issue clock of passes that just became issuable (the parking fee paid, the owner consented). */
  async startClocks(em: EntityManager, passes: PassRef[], at: Date) {
    if (!passes.length) return;
    const rows = passes.map((p) => clockRow(p.companyId, p.communityId, p.id, p.kind, at, false));
    await em.createQueryBuilder().insert().into(SlaClock).values(rows).orIgnore().updateEntity(false).execute();
  }

  /**
   * Passes waiting for their fee, just paid: in ONE UPDATE those that pass the rules are issued and the others go to
   * review with their new details (only passes still waiting for payment: the count moved comes back), then their
   * clocks in ONE INSERT, starting now — met now for the issued, running for review.
   */
  async paid(em: EntityManager, issue: PassRef[], review: (PassRef & { detailsJson: string })[], at: Date): Promise<number> {
    const all = [...issue, ...review];
    if (!all.length) return 0;
    const cases = (n: number) => `CASE id ${Array<string>(n).fill('WHEN ? THEN ?').join(' ')}`;
    const sets = [`status = ${cases(all.length)} END`];
    const params: unknown[] = [...issue.flatMap((p) => [p.id, PassStatus.Active]), ...review.flatMap((p) => [p.id, PassStatus.Review])];
    if (issue.length) {
      sets.push(`issued_at = ${cases(issue.length)} ELSE issued_at END`);
      params.push(...issue.flatMap((p) => [p.id, sqlTime(at)]));
    }
    if (review.length) {
      sets.push(`details_json = ${cases(review.length)} ELSE details_json END`);
      params.push(...review.flatMap((p) => [p.id, p.detailsJson]));
    }
    const res = await execute(
      em,
      `UPDATE passes SET ${sets.join(', ')}, updated_at = ?, version = version + 1 WHERE id IN (${all.map(() => '?').join(', ')}) AND status = ?`,
      [...params, sqlTime(at), ...all.map((p) => p.id), PassStatus.PendingPayment],
    );
    const clocks = [...issue.map((p) => [p, true] as const), ...review.map((p) => [p, false] as const)].map(([p, met]) =>
      clockRow(p.companyId, p.communityId, p.id, p.kind, at, met),
    );
    await em.createQueryBuilder().insert().into(SlaClock).values(clocks).orIgnore().updateEntity(false).execute();
    return res.affected;
  }

  /**
   * Issues waiting passes: one UPDATE (only those still waiting — the caller compares the count it gets back with what
   * it asked for and answers 409 otherwise) and one that meets their clocks, breached when met after the due time.
   */
  async issue(em: EntityManager, ids: number[], at: Date, reviewedBy: number | null): Promise<number> {
    if (!ids.length) return 0;
    const res = await em
      .createQueryBuilder()
      .update(Pass)
      .set({ status: PassStatus.Active, issuedAt: at, reviewedBy, updatedAt: at, version: () => 'version + 1' })
      .where({ id: In(ids), status: In(WAITING) })
      .execute();
    await this.stopClocks(em, ids, at, 'met');
    return res.affected ?? 0;
  }

  /** Meets (issued) or cancels (returned, withdrawn) the open issue clocks of these passes, in one statement. */
  async stopClocks(em: EntityManager, ids: number[], at: Date, how: 'met' | 'cancelled') {
    if (!ids.length) return;
    const marks = ids.map(() => '?').join(', ');
    const set = how === 'met' ? `state = 'met', met_at = ?, breached = CASE WHEN due_at < ? THEN 1 ELSE breached END` : `state = 'cancelled'`;
    const params = how === 'met' ? [sqlTime(at), sqlTime(at)] : [];
    await em.query(
      `UPDATE clocks SET ${set}, paused_at = NULL WHERE subject_type = ? AND name = ? AND state IN ('running', 'paused') AND subject_id IN (${marks})`,
      [...params, PASS_SUBJECT, ClockName.PassIssue, ...ids],
    );
  }
}

/** One INSERT … ON DUPLICATE KEY UPDATE (MySQL) / ON CONFLICT (SQLite) on the clock's subject and name. */
async function upsertClocks(em: EntityManager, rows: ClockUpsert[]) {
  await em
    .createQueryBuilder()
    .insert()
    .into(SlaClock)
    .values(rows)
    .orUpdate(['state', 'met_at', 'breached', 'paused_at'], ['subject_type', 'subject_id', 'name'])
    .updateEntity(false)
    .execute();
}

function clockRow(companyId: number, communityId: number, passId: number, kind: PassKind, at: Date, met: boolean) {
  return clockRowOf(companyId, communityId, PASS_SUBJECT, passId, ClockName.PassIssue, at, passIssueDue(kind, at), met);
}

/** A clocks row of any subject, running from `at` or met at `at` (breached when `at` is past `dueAt`). */
export function clockRowOf(
  companyId: number,
  communityId: number,
  subjectType: string,
  subjectId: number,
  name: ClockName,
  at: Date,
  dueAt: Date,
  met: boolean,
) {
  return {
    companyId,
    communityId,
    subjectType,
    subjectId,
    name,
    state: met ? ('met' as const) : ('running' as const),
    startedAt: at,
    dueAt,
    metAt: met ? at : null,
    pausedAt: null,
    pausedMs: 0,
    breached: met && at.getTime() > dueAt.getTime(),
    escalationLevel: 0,
  };
}
