import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  CLOCK_LABELS,
  ClockName,
  PASS_KIND_LABELS,
  PASS_SUBJECT,
  PassKind,
  PERMIT_SUBJECT,
  LadderPolicy,
  MAX_ESCALATION_LEVEL,
  ladderLevelAt,
  formatDue,
} from '@linli/shared';
import { Clock } from '../common/clock';
import { isDbUnavailable, OutageLog } from '../common/db-outage';
import { AppConfig } from '../config/app-config';
import { SlaClock } from '../sla/entities/clock.entity';
import { DailyDigest } from './daily-digest';
import { DeliveryWorker } from './delivery.worker';
import { announceFirings, Firing } from './escalation-summary';
import { EscalationPolicy } from './notify.entities';
import { NotifyService } from './notify.service';
import { companyStaffWithRole, newWorkRecipients, onDuty, sqlTime, staffOfCommunity, uniq } from './recipients';

/** 0, 1, 2: an IN list, so ix_clocks_escalate (state, escalation_level, due_at) is three short ranges */
const LEVELS_BELOW_TOP = Array.from({ length: MAX_ESCALATION_LEVEL }, (_, i) => i).join(', ');

/**
 * Several instances sweep at once: when InnoDB picks one batch as a deadlock victim, that batch rolled back as a
 * whole (clock levels, events and notifications together), so it is simply run again.
 */
async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      const errno = (e as { driverError?: { errno?: number } }).driverError?.errno;
      if (errno !== 1213 || i >= attempts) throw e;
    }
  }
}

interface Subject {
  no: string;
  link: string | null;
  ownerIds: number[];
  isTicket: boolean;
  /** the clock's label when the subject names it better (a pass: 停车证签发) */
  label?: string;
}

/**
 * The SLA sweeper: over the generic `clocks` table (every subject), running clocks past their due time move up the
 * escalation ladder — level 1 at due (owner / assignee and the community's supervisors), level 2 at due + 50% of the
 * allowed time (the community's managers), level 3 at due + 100% (the company's managers), each no sooner than its
 * floor (15 / 60 min past due); percentages and floors per community (escalation_policies) or from config. A batch's
 * firings are announced together (announceFirings: a summary push instead of a flood). Each level fires once: the clock's escalation_level is moved
 * with a compare-and-set in the same transaction as the timeline event and the notifications (whose dedupe keys
 * clock:<id>:level:<n> are the backstop). Runs in every instance; MySQL claims with FOR UPDATE SKIP LOCKED.
 * The scan is three short ranges of ix_clocks_escalate (state, escalation_level, due_at): running, below the top
 * level, past due — clocks left running at the top level drop out of it.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(SlaSweeper.name);
  private readonly outage = new OutageLog(this.log);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;
  private static readonly BATCH = 200;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
    private readonly delivery: DeliveryWorker,
    private readonly digest: DailyDigest,
  ) {}

  onApplicationBootstrap() {
    if (this.cfg.SLA_SWEEP_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.cfg.SLA_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  private async tick() {
    try {
      const now = this.clock.now();
      if (this.digest.due(now)) await this.digest.run(now);
      // what just fired is delivered now rather than on the worker's next round
      if ((await this.sweep()) && this.cfg.NOTIFY_INTERVAL_MS > 0) void this.delivery.drain().catch((e) => this.log.error({ err: e }, 'delivery failed'));
    } catch (e) {
      if (isDbUnavailable(e)) this.outage.record(e);
      else this.log.error({ err: e }, 'SLA sweep failed');
    }
  }

  /** One sweep; returns how many levels fired. */
  sweep(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.sweepAll().finally(() => (this.running = null));
    return this.running;
  }

  private async sweepAll(): Promise<number> {
    const now = this.clock.now();
    const policies = new Map<number, LadderPolicy>();
    const dflt: LadderPolicy = {
      level2Pct: this.cfg.ESCALATION_LEVEL2_PCT,
      level3Pct: this.cfg.ESCALATION_LEVEL3_PCT,
      level2MinMinutes: this.cfg.ESCALATION_LEVEL2_MIN_MINUTES,
      level3MinMinutes: this.cfg.ESCALATION_LEVEL3_MIN_MINUTES,
    };
    for (const p of await this.ds.getRepository(EscalationPolicy).find())
      policies.set(p.communityId, {
        level2Pct: p.level2Pct,
        level3Pct: p.level3Pct,
        level2MinMinutes: p.level2MinMinutes ?? dflt.level2MinMinutes,
        level3MinMinutes: p.level3MinMinutes ?? dflt.level3MinMinutes,
      });
    let fired = 0;
    let afterId = 0;
    const mysql = this.ds.options.type === 'mysql';
    for (;;) {
      const batch = await retryOnDeadlock(() =>
        this.ds.transaction(async (em) => {
          const rows: { id: number }[] = await em.query(
            `SELECT id FROM clocks WHERE state = 'running' AND escalation_level IN (${LEVELS_BELOW_TOP}) AND due_at <= ? AND id > ?
            ORDER BY id LIMIT ${SlaSweeper.BATCH}${mysql ? ' FOR UPDATE SKIP LOCKED' : ''}`,
            [sqlTime(now), afterId],
          );
          if (!rows.length) return { n: 0, last: afterId };
          const clocks = await em.getRepository(SlaClock).findBy({ id: In(rows.map((r) => Number(r.id))) });
          const firings: Firing[] = [];
          for (const c of clocks) {
            const target = Math.min(MAX_ESCALATION_LEVEL, ladderLevelAt(c, policies.get(c.communityId) ?? dflt, now));
            if (target <= c.escalationLevel) continue;
            firings.push(...(await this.escalate(em, c, target, now)));
          }
          await announceFirings(this.notify, em, firings, this.cfg.ESCALATION_SUMMARY_THRESHOLD, now);
          return { n: firings.length, last: Math.max(...rows.map((r) => Number(r.id))), size: rows.length };
        }),
      );
      fired += batch.n;
      if (!('size' in batch) || (batch.size ?? 0) < SlaSweeper.BATCH) return fired;
      afterId = batch.last;
    }
  }

  /** Moves one clock from its level to `target`, firing each level in between once (on the timeline; the caller notifies). */
  private async escalate(em: EntityManager, c: SlaClock, target: number, now: Date): Promise<Firing[]> {
    const res = await em
      .createQueryBuilder()
      .update(SlaClock)
      .set({ escalationLevel: target })
      .where('id = :id AND escalation_level = :l', { id: c.id, l: c.escalationLevel })
      .execute();
    if (!res.affected) return []; // another instance moved it first
    const firings: Firing[] = [];
    const s = await this.subject(em, c);
    const label = s.label ?? CLOCK_LABELS[c.name as ClockName] ?? c.name;
    for (let level = c.escalationLevel + 1; level <= target; level++) {
      let to: number[];
      if (level === 1) {
        // the owner, whoever is on duty in the community now (nights, weekends) and the supervisors
        const owners = s.ownerIds.length ? s.ownerIds : await newWorkRecipients(em, c.communityId, now);
        to = uniq([...owners, ...(await onDuty(em, c.communityId, now)), ...(await staffOfCommunity(em, c.communityId, 'supervisor'))]);
      } else if (level === 2) to = uniq(await staffOfCommunity(em, c.communityId, 'manager'));
      else to = uniq(await companyStaffWithRole(em, c.companyId, 'manager'));
      if (s.isTicket)
        await em.query('INSERT INTO ticket_events (ticket_id, type, actor_id, actor_role, payload, at) VALUES (?, ?, NULL, ?, ?, ?)', [
          c.subjectId,
          level === 1 ? 'clock_breached' : 'escalated',
          'system',
          JSON.stringify({ clock: c.name, level, dueAt: c.dueAt.toISOString() }),
          sqlTime(now),
        ]);
      firings.push({
        clock: c,
        level,
        to,
        no: s.no,
        label,
        link: s.link,
        msg: {
          template: 'clock_escalation',
          title: `【超时${['', '一', '二', '三'][level]}级】${s.no} ${label}`,
          body: `${s.no} 的「${label}」已于 ${formatDue(c.dueAt)} 到期仍未完成${level > 1 ? '，已逐级上报' : ''}。`,
          link: s.link,
          wx: { character_string1: s.no, thing2: `${label}超时`, time3: c.dueAt, phrase4: `${['', '一', '二', '三'][level]}级升级` },
        },
      });
    }
    return firings;
  }

  private async subject(em: EntityManager, c: SlaClock): Promise<Subject> {
    if (c.subjectType === 'ticket') {
      const t: { no: string; kind: string; owner_id: number | null; assignee_id: number | null }[] = await em.query(
        'SELECT no, kind, owner_id, assignee_id FROM tickets WHERE id = ?',
        [c.subjectId],
      );
      if (t.length)
        return {
          no: t[0].no,
          link: t[0].kind === 'repair' ? `/repairs/${c.subjectId}` : `/complaints/${c.subjectId}`,
          ownerIds: uniq([t[0].owner_id, t[0].assignee_id].map((x) => (x === null ? null : Number(x)))),
          isTicket: true,
        };
    }
    if (c.subjectType === PASS_SUBJECT) {
      const p: { kind: PassKind }[] = await em.query('SELECT kind FROM passes WHERE id = ?', [c.subjectId]);
      if (p.length)
        return { no: `TX${c.subjectId}`, link: `/passes/${c.subjectId}`, ownerIds: [], isTicket: false, label: `${PASS_KIND_LABELS[p[0].kind]}签发` };
    }
    // a decoration permit's review clock: the number and the link only, never the owner's or the workers' names
    if (c.subjectType === PERMIT_SUBJECT)
      return { no: `ZXSQ${c.subjectId}`, link: `/permits/${c.subjectId}`, ownerIds: [], isTicket: false, label: '装修申请审核' };
    return { no: `${c.subjectType}#${c.subjectId}`, link: null, ownerIds: [], isTicket: false };
  }
}
