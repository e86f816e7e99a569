import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { backoffMs } from '@linli/shared';
import { Clock } from '../common/clock';
import { isDbUnavailable, OutageLog } from '../common/db-outage';
import { AppConfig } from '../config/app-config';
import { SendResult, WechatSubscribeChannel, WecomRobotChannel } from './channels';
import { CommunityChannel, OutboxMessage, SubscribeBalance } from './notify.entities';
import { EventExpander } from './event-expander';
import { sqlTime } from './recipients';

/**
 * Delivers the outbox. Every instance runs it; rows are claimed in the database (FOR UPDATE SKIP LOCKED on
 * MySQL/MariaDB, then a compare-and-set on status + attempts on both dialects), so no row is sent by two instances.
 * A claimed row carries a lease (next_attempt_at); if its instance dies, the row is claimed again after the lease.
 * The attempt count is the fencing token: an instance whose lease ran out cannot record an outcome any more.
 * Rounds are small and leases short, renewed while a round is sending; expired leases are re-offered before the
 * backlog. On shutdown the worker stops claiming, finishes its round and hands back rows it had not started.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly log = new Logger(DeliveryWorker.name);
  private readonly outage = new OutageLog(this.log);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;
  private stopping = false;
  /** rows claimed by this instance and not yet recorded: id → attempts (the fencing token), started or not */
  private readonly inFlight = new Map<number, { attempts: number; started: boolean }>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
    private readonly wechat: WechatSubscribeChannel,
    private readonly wecom: WecomRobotChannel,
    private readonly events: EventExpander,
  ) {}

  onApplicationBootstrap() {
    if (this.cfg.NOTIFY_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.cfg.NOTIFY_INTERVAL_MS);
    this.timer.unref();
  }

  /** SIGTERM: stop claiming, let the current round finish (bounded), give back the rows it never started */
  async beforeApplicationShutdown() {
    this.stopping = true;
    clearInterval(this.timer);
    const grace = Math.max(1000, this.cfg.SHUTDOWN_TIMEOUT_MS - 3000);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.running?.catch(() => 0), new Promise((r) => (timer = setTimeout(r, grace)))]);
    clearTimeout(timer);
    await this.releaseUnstarted();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  private async tick() {
    try {
      await this.drain();
    } catch (e) {
      if (isDbUnavailable(e)) this.outage.record(e);
      else this.log.error({ err: e }, 'notification delivery failed');
    }
  }

  /** Delivers every due row (rounds of NOTIFY_BATCH) and returns how many were handled; one run at a time per instance. */
  drain(): Promise<number> {
    if (this.running) return this.running;
    this.running = (async () => {
      let total = 0;
      await this.events.expandDue(); // committed ticket events → inbox + outbox rows, sent below in the same drain
      for (;;) {
        const n = await this.runOnce();
        total += n;
        if (n < this.cfg.NOTIFY_BATCH || this.stopping) return total;
      }
    })().finally(() => (this.running = null));
    return this.running;
  }

  async runOnce(): Promise<number> {
    if (this.stopping) return 0;
    const rows = await this.claim();
    for (const r of rows) this.inFlight.set(r.id, { attempts: r.attempts, started: false });
    const renew = setInterval(() => void this.renewLeases(), Math.max(200, Math.floor(this.cfg.NOTIFY_LEASE_MS / 3)));
    try {
      await Promise.all(rows.map((r) => this.deliverClaimed(r)));
    } finally {
      clearInterval(renew);
      for (const r of rows) this.inFlight.delete(r.id);
    }
    return rows.length;
  }

  private async deliverClaimed(m: OutboxMessage) {
    const f = this.inFlight.get(m.id);
    if (this.stopping || !f) return; // handed back by releaseUnstarted
    f.started = true;
    await this.deliver(m);
  }

  /** pushes the lease of this instance's in-flight rows forward, so a slow round is not claimed by another */
  private async renewLeases() {
    const rows = [...this.inFlight.entries()];
    if (!rows.length) return;
    const leaseUntil = sqlTime(new Date(this.clock.now().getTime() + this.cfg.NOTIFY_LEASE_MS));
    try {
      await this.ds.query(`UPDATE outbox SET next_attempt_at = ? WHERE status = 'sending' AND (${rows.map(() => '(id = ? AND attempts = ?)').join(' OR ')})`, [
        leaseUntil,
        ...rows.flatMap(([id, f]) => [id, f.attempts]),
      ]);
    } catch (e) {
      this.log.warn({ err: e }, 'could not renew outbox leases');
    }
  }

  /** back to pending, due now, with the claim's attempt undone: the next instance sends it as if never claimed */
  private async releaseUnstarted() {
    const rows = [...this.inFlight.entries()].filter(([, f]) => !f.started);
    for (const [id] of rows) this.inFlight.delete(id);
    if (!rows.length) return;
    const now = sqlTime(this.clock.now());
    for (const [id, f] of rows)
      await this.ds.query(
        "UPDATE outbox SET status = 'pending', attempts = attempts - 1, next_attempt_at = ? WHERE id = ? AND status = 'sending' AND attempts = ?",
        [now, id, f.attempts],
      );
    this.log.log(`shutdown: handed back ${rows.length} unsent outbox rows`);
  }

  /**
   * Expired leases first (rows a dead or stopped instance left in flight; read without locks and claimed one by one
   * by compare-and-set, so this takes no range locks), then the backlog in one short locking transaction.
   */
  private async claim(): Promise<OutboxMessage[]> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.cfg.NOTIFY_LEASE_MS);
    const batch = this.cfg.NOTIFY_BATCH;
    const expired = await this.claimRows(this.ds.manager, 'sending', await this.dueRows(this.ds.manager, 'sending', batch, now, false), leaseUntil);
    const rest = batch - expired.length;
    const pending = rest
      ? await this.ds.transaction(async (em) =>
          this.claimRows(em, 'pending', await this.dueRows(em, 'pending', rest, now, this.ds.options.type === 'mysql'), leaseUntil),
        )
      : [];
    const claimed = [...expired, ...pending];
    return claimed.length ? this.ds.getRepository(OutboxMessage).findBy({ id: In(claimed) }) : [];
  }

  private dueRows(
    em: EntityManager,
    status: 'pending' | 'sending',
    limit: number,
    now: Date,
    skipLocked: boolean,
  ): Promise<{ id: number; attempts: number }[]> {
    return em.query(
      `SELECT id, attempts FROM outbox WHERE status = ? AND next_attempt_at <= ?
        ORDER BY next_attempt_at, id LIMIT ${Number(limit)}${skipLocked ? ' FOR UPDATE SKIP LOCKED' : ''}`,
      [status, sqlTime(now)],
    );
  }

  /** moves each row to `sending` with attempts + 1 and a lease, if it is still as read; returns the ids claimed */
  private async claimRows(em: EntityManager, status: 'pending' | 'sending', due: { id: number; attempts: number }[], leaseUntil: Date) {
    const claimed: number[] = [];
    for (const d of due) {
      const res = await em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ status: 'sending', attempts: () => 'attempts + 1', nextAttemptAt: leaseUntil })
        .where('id = :id AND status = :s AND attempts = :a', { id: d.id, s: status, a: d.attempts })
        .execute();
      if (res.affected) claimed.push(Number(d.id));
    }
    return claimed;
  }

  private async deliver(m: OutboxMessage) {
    let r: SendResult;
    try {
      r = await this.send(m);
    } catch (e) {
      r = { outcome: 'retry', error: String((e as Error)?.message ?? e).slice(0, 500) };
    }
    const now = this.clock.now();
    let set: Partial<Omit<OutboxMessage, 'payload'>>;
    if (r.outcome === 'sent') set = { status: 'sent', sentAt: now, lastError: null };
    else if (r.outcome === 'retry' && m.attempts < this.cfg.NOTIFY_MAX_ATTEMPTS)
      set = {
        status: 'pending',
        lastError: r.error,
        nextAttemptAt: new Date(now.getTime() + backoffMs(m.attempts, this.cfg.NOTIFY_BACKOFF_BASE_MS, this.cfg.NOTIFY_BACKOFF_CAP_MS)),
      };
    else
      set = {
        status: r.outcome === 'retry' ? 'failed' : r.outcome,
        lastError: r.outcome === 'retry' ? `gave up after ${m.attempts} attempts: ${r.error}` : r.error,
      };
    const res = await this.ds
      .createQueryBuilder()
      .update(OutboxMessage)
      .set(set)
      .where('id = :id AND status = :s AND attempts = :a', { id: m.id, s: 'sending', a: m.attempts })
      .execute();
    if (res.affected && set.status === 'failed' && m.channel === 'wechat') await this.refundConsent(m);
  }

  /**
   * WeChat spends a consent only on a delivered message: one refused for good (47003, 40003, …) or given up after
   * the retries gives the consent spent on its first attempt back. (A crash before this line keeps it spent: we
   * may under-count a balance, never over-count it.)
   */
  private async refundConsent(m: OutboxMessage) {
    await this.ds
      .createQueryBuilder()
      .update(SubscribeBalance)
      .set({ balance: () => 'balance + 1', updatedAt: this.clock.now() })
      .where('user_id = :u AND template = :t', { u: m.recipientId, t: m.template })
      .execute();
  }

  private async send(m: OutboxMessage): Promise<SendResult> {
    if (m.channel === 'wecom') {
      const ch = await this.ds.getRepository(CommunityChannel).findOneBy({ communityId: m.payload.communityId ?? 0 });
      if (!ch?.wecomWebhookUrl) return { outcome: 'skipped', error: 'no_webhook: 该小区未配置企业微信群机器人' };
      return this.wecom.send(ch.wecomWebhookUrl, m.payload);
    }
    const app = m.payload.app ?? 'resident';
    const appid = app === 'resident' ? this.cfg.WECHAT_RESIDENT_APPID : this.cfg.WECHAT_STAFF_APPID;
    if (!appid) return { outcome: 'skipped', error: 'no_appid: 未配置小程序 AppID' };
    if (!this.wechat.templateId(m.template)) return { outcome: 'skipped', error: 'no_template: 未配置该模板的微信模板 ID' };
    const ids: { openid: string }[] = await this.ds.query('SELECT openid FROM wechat_identities WHERE user_id = ? AND appid = ? ORDER BY id DESC LIMIT 1', [
      m.recipientId,
      appid,
    ]);
    if (!ids.length) return { outcome: 'skipped', error: 'no_openid: 收件人未绑定该小程序的微信' };
    // one consent is one message: spent on the first attempt only (a retry of the same message spends nothing)
    if (m.attempts === 1) {
      const spent = await this.ds
        .createQueryBuilder()
        .update(SubscribeBalance)
        .set({ balance: () => 'balance - 1', updatedAt: this.clock.now() })
        .where('user_id = :u AND template = :t AND balance > 0', { u: m.recipientId, t: m.template })
        .execute();
      if (!spent.affected) return { outcome: 'skipped', error: 'no_consent: 用户没有剩余的订阅次数，仅站内通知' };
    }
    const r = await this.wechat.send(ids[0].openid, m.template, m.payload);
    if (r.outcome === 'skipped' && r.error.startsWith('wechat 43101'))
      // WeChat says the user has no consent left: our balance was wrong, so it is zero now
      await this.ds.query('UPDATE subscribe_balances SET balance = 0 WHERE user_id = ? AND template = ?', [m.recipientId, m.template]);
    return r;
  }
}
