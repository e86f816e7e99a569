import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DeliveryWorker } from './delivery.worker';
import { EventExpander } from './event-expander';

/**
 * Keeps the fan-out's latency low in the running server: a transaction that wrote notify events kicks the
 * expansion and delivery right after its COMMIT (a TypeORM transaction subscriber), instead of waiting for the
 * worker's next round. Like the SLA sweeper's kick, it is off when the worker is (NOTIFY_INTERVAL_MS = 0).
 */
@Injectable()
export class EventKick implements EntitySubscriberInterface, OnApplicationShutdown {
  private readonly log = new Logger(EventKick.name);
  private readonly pending = new WeakSet<QueryRunner>();
  private closed = false;

  constructor(
    @InjectDataSource() ds: DataSource,
    private readonly cfg: AppConfig,
    private readonly expander: EventExpander,
    private readonly delivery: DeliveryWorker,
  ) {
    ds.subscribers.push(this);
  }

  /** The events written through this manager are expanded once its transaction commits (at once outside one). */
  afterCommit(em: EntityManager) {
    const qr = em.queryRunner;
    if (qr?.isTransactionActive) this.pending.add(qr);
    else this.kick();
  }

  afterTransactionCommit(ev: TransactionCommitEvent) {
    if (!ev.queryRunner.isTransactionActive && this.pending.delete(ev.queryRunner)) this.kick();
  }

  afterTransactionRollback(ev: TransactionRollbackEvent) {
    if (!ev.queryRunner.isTransactionActive) this.pending.delete(ev.queryRunner);
  }

  onApplicationShutdown() {
    this.closed = true;
  }

  private kick() {
    if (this.cfg.NOTIFY_INTERVAL_MS <= 0 || this.closed) return;
    void this.expander
      .expandDue()
      .then(() => this.delivery.drain())
      .catch((e) => this.log.error({ err: e }, 'notification fan-out failed'));
  }
}
