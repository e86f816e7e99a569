import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional } from 'class-validator';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Public } from '../common/caller';
import { AppConfig } from '../config/app-config';
import { ComplaintTransitionsService } from '../tickets/complaints/complaint-transitions.service';
import { RepairTransitionsService } from '../tickets/repairs/repair-transitions.service';
import { DeliveryWorker } from '../notify/delivery.worker';
import { EventExpander } from '../notify/event-expander';
import { SlaSweeper } from '../notify/sla-sweeper';
import { DailyDigest } from '../notify/daily-digest';
import { UploadsCleanupJob } from '../storage/uploads-cleanup.job';
import { NotifyRetentionJob } from '../notify/notify-retention.job';
import { BillRunWorker } from '../fees/bill-run.worker';
import { FeeReminderJob } from '../fees/fee-reminder.job';
import { RepairBillingJob } from '../fees/repair-billing.job';
import { RoomImportService } from '../org/import/room-import.service';
import { PayOrdersJob } from '../pay/pay-orders.job';
import { PayReconcileJob } from '../pay/pay-reconcile.job';
import { PayMerchants } from '../pay/pay-merchants';
import { ParkingReminderJob } from '../passes/parking/parking-reminder.job';
import { SurveyJob } from '../engage/surveys/survey.job';
import { NoticesJob } from '../engage/notices/notices.job';
import { NewResidentVisitsJob } from '../engage/visits/new-resident-visits.job';
import { ReportRollupJob } from '../reports/rollup/report-rollup.job';
import { lastLoggedStatements, lastLoggedWithParams } from '../database/statement-counter';

class SleepDto {
  @IsInt() ms: number;
}

class ClockDto {
  @IsOptional() @IsInt() advanceMs?: number;
  @IsOptional() @IsISO8601() set?: string;
}

/**
 * Only mounted with TEST_HOOKS=true (refused in production): lets the end-to-end tests move the server's
 * clock and run background jobs now, instead of waiting in real time.
 */
@ApiExcludeController()
@Controller('api/test')
@Public()
export class TestHooksController {
  constructor(
    private readonly clock: Clock,
    private readonly repairs: RepairTransitionsService,
    private readonly complaints: ComplaintTransitionsService,
    private readonly cfg: AppConfig,
    private readonly delivery: DeliveryWorker,
    private readonly sweeper: SlaSweeper,
    private readonly digest: DailyDigest,
    private readonly expander: EventExpander,
    private readonly uploadsCleanup: UploadsCleanupJob,
    private readonly reportRollups: ReportRollupJob,
    private readonly retention: NotifyRetentionJob,
    private readonly billRuns_: BillRunWorker,
    private readonly roomImports: RoomImportService,
    private readonly feeReminders: FeeReminderJob,
    private readonly repairBilling: RepairBillingJob,
    private readonly payOrders: PayOrdersJob,
    private readonly payReconcile: PayReconcileJob,
    private readonly payMerchants: PayMerchants,
    private readonly parkingReminders: ParkingReminderJob,
    private readonly surveyJob: SurveyJob,
    private readonly noticesJob: NoticesJob,
    private readonly newResidentVisits: NewResidentVisitsJob,
  ) {}

  @Post('clock')
  @HttpCode(200)
  moveClock(@Body() dto: ClockDto) {
    if (dto.set) this.clock.set(new Date(dto.set));
    if (dto.advanceMs) this.clock.advance(dto.advanceMs);
    return { now: this.clock.now().toISOString() };
  }

  /** the server process's CPU time so far (µs), for `npm run bench`: CPU per request = the delta over a run / requests */
  @Get('cpu')
  cpu() {
    return process.cpuUsage();
  }

  /** the statements of the last request sent with `x-sql-log: 1` */
  @Get('last-sql')
  lastSql() {
    return lastLoggedStatements();
  }

  /** the same statements with their parameters (scripts/bench-reports.mjs replays them through mysql2) */
  @Get('last-sql-params')
  lastSqlParams() {
    return lastLoggedWithParams();
  }

  /** a request that takes `ms` to answer (shutdown tests) */
  @Post('sleep')
  @HttpCode(200)
  async sleep(@Body() dto: SleepDto) {
    await new Promise((r) => setTimeout(r, Math.min(dto.ms, 120_000)));
    return { slept: dto.ms };
  }

  @Post('jobs/auto-confirm')
  @HttpCode(200)
  async autoConfirm() {
    return { confirmed: await this.repairs.autoConfirm(this.cfg.AUTO_CONFIRM_DAYS) };
  }

  @Post('jobs/complaints-auto-finish')
  @HttpCode(200)
  complaintsAutoFinish() {
    return this.complaints.autoFinish(this.cfg.AUTO_CONFIRM_DAYS);
  }

  @Post('jobs/notify-deliver')
  @HttpCode(200)
  async deliver() {
    return { delivered: await this.delivery.drain() };
  }

  /** only the fan-out of committed ticket events into inbox and outbox rows, nothing sent */
  @Post('jobs/notify-expand')
  @HttpCode(200)
  async expand() {
    return { expanded: await this.expander.expandDue() };
  }

  @Post('jobs/report-rollups')
  @HttpCode(200)
  reportRollupsRun() {
    return this.reportRollups.once();
  }

  @Post('jobs/sla-sweep')
  @HttpCode(200)
  async sweep() {
    return { fired: await this.sweeper.sweep() };
  }

  @Post('jobs/daily-digest')
  @HttpCode(200)
  async dailyDigest() {
    return { communities: await this.digest.run(this.clock.now()) };
  }

  /** resumes bill runs whose lease ran out (a dead instance's), at most `maxBatches` batches each */
  @Post('jobs/bill-runs')
  @HttpCode(200)
  async billRuns(@Body() body: { maxBatches?: number }) {
    return { resumed: await this.billRuns_.resumeExpired(body?.maxBatches ?? Infinity) };
  }

  /** one pass of the fee reminders (issued, due in 3 days, overdue): how many of each were sent */
  @Post('jobs/fee-reminders')
  @HttpCode(200)
  async runFeeReminders() {
    return await this.feeReminders.remind();
  }

  /** one pass of the parking reminders (pass expiring in 7 days, insurance expiring in 7 days) */
  @Post('jobs/parking-reminders')
  @HttpCode(200)
  async runParkingReminders() {
    return await this.parkingReminders.remind();
  }

  /** one pass of the survey job (scheduled publishing, closing, the reminder 3 days before closing) */
  @Post('jobs/surveys')
  @HttpCode(200)
  async runSurveyJob() {
    return await this.surveyJob.sweep();
  }

  /** one pass of the notices job: scheduled notices that are due, outage reminders an hour before the start */
  @Post('jobs/notices')
  @HttpCode(200)
  async runNotices() {
    return await this.noticesJob.once();
  }

  /** one pass of the new residents' return-visit job: the desk told of the tasks falling due today */
  @Post('jobs/new-resident-visits')
  @HttpCode(200)
  async runNewResidentVisits() {
    return await this.newResidentVisits.once();
  }

  /** bills closed repair orders' charges to their rooms */
  @Post('jobs/repair-billing')
  @HttpCode(200)
  async repairBillingJob() {
    return { tickets: await this.repairBilling.billClosed() };
  }

  /** one pass over WeChat Pay orders left pending (query → settle, expired → close) and refunds not yet accepted */
  @Post('jobs/pay-orders')
  @HttpCode(200)
  async payOrdersJob() {
    return await this.payOrders.sweep();
  }

  /** WeChat Pay reconciliation of `date` (default yesterday) for every merchant now: mismatches per company */
  @Post('jobs/pay-reconcile')
  @HttpCode(200)
  async payReconcileJob(@Body() body: { date?: string }) {
    return await this.payReconcile.reconcileNow(body?.date);
  }

  /** development mode's fake WeChat Pay finishes a refund (SUCCESS, or ABNORMAL) and posts its signed callback to this server */
  @Post('pay/finish-refund')
  @HttpCode(200)
  async finishRefund(@Body() body: { outRefundNo?: string; status?: 'SUCCESS' | 'ABNORMAL' }, @Req() req: { headers: Record<string, string | undefined> }) {
    const find = () =>
      this.payMerchants
        .all()
        .map((m) => this.payMerchants.devFake(m))
        .find((f) => f && body?.outRefundNo && f.refunds.has(body.outRefundNo));
    // a reversal's refund reaches WeChat Pay just after the approval answers
    let fake = find();
    for (let i = 0; i < 60 && !fake && body?.outRefundNo; i++) fake = await new Promise<ReturnType<typeof find>>((ok) => setTimeout(() => ok(find()), 50));
    if (!fake || !body.outRefundNo) throw AppError.notFound('退款单');
    const url = `http://${req.headers.host}/api/pay/refund-notify`;
    const [d] = await fake.finishRefund(body.outRefundNo, { status: body.status ?? 'SUCCESS', url });
    return { status: d?.status ?? null };
  }

  @Post('jobs/notify-retention')
  @HttpCode(200)
  async notifyRetention() {
    return await this.retention.purge();
  }

  @Post('jobs/uploads-cleanup')
  @HttpCode(200)
  async cleanupUploads() {
    return { deleted: await this.uploadsCleanup.cleanup() };
  }

  @Post('jobs/room-imports')
  @HttpCode(200)
  async resumeRoomImports() {
    return { jobs: await this.roomImports.resumeAll() };
  }
}
