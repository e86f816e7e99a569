import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { backoffMs } from '@linli/shared';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { TicketEvent } from '../tickets/entities/ticket-event.entity';
import { Ticket } from '../tickets/entities/ticket.entity';
import { TicketEventPayload } from './notify-event.entity';
import { applySnapshot } from './ticket-snapshot';
import { sqlTime } from './recipients';
import { TicketNotifications } from './ticket-events';

/**
 * The worker side of the fan-out: each pending `notify_events` row is expanded in its own transaction — the row
 * locked (FOR UPDATE SKIP LOCKED on MySQL/MariaDB, so two instances never expand the same event at once), the
 * ticket and the event loaded, TicketNotifications run (inbox + outbox rows, INSERT … IGNORE on their dedupe keys,
 * so a repeated expansion adds nothing) and the row marked done — all or nothing. A failed expansion rolls back
 * and is retried with the outbox's backoff; a crashed instance's lock goes with its connection.
 */
@Injectable()
export class EventExpander {
  private readonly log = new Logger(EventExpander.name);
  private current: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
    private readonly notifications: TicketNotifications,
  ) {}

  /**
   * Expands every due event. During a run, callers share ONE run queued after it (the current run may have passed
   * their event already): no committed event waits for the next round, and nobody waits for more than two runs.
   */
  expandDue(): Promise<number> {
    if (!this.current) return this.start();
    this.queued ??= this.current
      .catch(() => 0)
      .then(() => {
        this.queued = null;
        return this.current ?? this.start();
      });
    return this.queued;
  }

  private start(): Promise<number> {
    const run: Promise<number> = this.expandAll().finally(() => {
      if (this.current === run) this.current = null;
    });
    this.current = run;
    return run;
  }

  private async expandAll(): Promise<number> {
    const batch = Number(this.cfg.NOTIFY_BATCH);
    let total = 0;
    for (;;) {
      const due: { id: number; attempts: number }[] = await this.ds.query(
        `SELECT id, attempts FROM notify_events WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ${batch}`,
        [sqlTime(this.clock.now())],
      );
      let n = 0;
      // in order, so the inbox rows of one ticket follow its timeline
      for (const d of due) if (await this.expandOne(Number(d.id), Number(d.attempts))) n++;
      total += n;
      if (due.length < batch || !n) return total;
    }
  }

  private async expandOne(id: number, attempts: number): Promise<boolean> {
    const lock = this.ds.options.type === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
    try {
      return await this.ds.transaction(async (em) => {
        const [row]: { payload: string }[] = await em.query(`SELECT payload FROM notify_events WHERE id = ? AND status = 'pending'${lock}`, [id]);
        if (!row) return false; // expanded meanwhile, or another instance is expanding it
        const gone = await this.expand(em, JSON.parse(row.payload) as TicketEventPayload);
        await em.query('UPDATE notify_events SET status = ?, done_at = ?, last_error = ? WHERE id = ?', [
          gone ? 'failed' : 'done',
          sqlTime(this.clock.now()),
          gone,
          id,
        ]);
        return !gone;
      });
    } catch (e) {
      await this.failed(id, attempts, e);
      return false;
    }
  }

  /** Runs the ticket's notifications as of the event; returns why it cannot (ticket or event missing), else null. */
  private async expand(em: EntityManager, p: TicketEventPayload): Promise<string | null> {
    const [t, e] = await Promise.all([em.findOneBy(Ticket, { id: p.ticketId }), em.findOneBy(TicketEvent, { id: p.eventId })]);
    if (!t || !e) return `gone: ticket ${p.ticketId} or event ${p.eventId} not found`;
    await this.notifications.afterEvent(em, applySnapshot(em, t, p.ticket ?? {}), e);
    return null;
  }

  private async failed(id: number, attempts: number, err: unknown) {
    const n = attempts + 1;
    const giveUp = n >= this.cfg.NOTIFY_MAX_ATTEMPTS;
    const msg = String((err as Error)?.message ?? err).slice(0, 450);
    const next = new Date(this.clock.now().getTime() + backoffMs(n, this.cfg.NOTIFY_BACKOFF_BASE_MS, this.cfg.NOTIFY_BACKOFF_CAP_MS));
    this.log.error({ err }, `notify event ${id}: expansion failed (attempt ${n})`);
    await this.ds.query(
      "UPDATE notify_events SET attempts = ?, status = ?, last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'pending' AND attempts = ?",
      [n, giveUp ? 'failed' : 'pending', giveUp ? `gave up after ${n} attempts: ${msg}` : msg, sqlTime(next), id, attempts],
    );
  }
}
