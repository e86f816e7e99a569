import { Module } from '@nestjs/common';
import { NotifyService } from '../notify/notify.service';
import { BillRunWorker } from './bill-run.worker';
import { BillRunsService } from './bill-runs.service';
import { BillsController } from './bills.controller';
import { BillsService } from './bills.service';
import { FeeChargesController } from './fee-charges.controller';
import { FeeChargesService } from './fee-charges.service';
import { FeeContractsService } from './fee-contracts.service';
import { FeeItemsService } from './fee-items.service';
import { FeeReminderJob } from './fee-reminder.job';
import { FeeRequestsService } from './fee-requests.service';
import { FeesController } from './fees.controller';
import { MeterImportService } from './meter-import.service';
import { MeterReadingsService } from './meter-readings.service';
import { MetersController } from './meters.controller';
import { PaidHistoryController } from './paid-history.controller';
import { PaidHistoryService } from './paid-history.service';
import { PublicIncomeController } from './public-income.controller';
import { PublicIncomeService } from './public-income.service';
import { RepairBillingJob } from './repair-billing.job';

@Module({
  controllers: [FeesController, BillsController, FeeChargesController, MetersController, PaidHistoryController, PublicIncomeController],
  providers: [
    FeeItemsService,
    BillRunsService,
    BillsService,
    BillRunWorker,
    FeeContractsService,
    FeeChargesService,
    FeeRequestsService,
    RepairBillingJob,
    MeterReadingsService,
    MeterImportService,
    PaidHistoryService,
    PublicIncomeService,
    FeeReminderJob,
    NotifyService,
  ],
  exports: [BillRunWorker, RepairBillingJob, FeeReminderJob],
})
export class FeesModule {}
