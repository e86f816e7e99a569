import { Module } from '@nestjs/common';
import { NotifyModule } from '../notify/notify.module';
import { PaidLinesHooks } from './paid-lines-hooks';
import { ArrearsRemindService } from './arrears-remind.service';
import { ArrearsService } from './arrears.service';
import { BillRunWorker } from './bill-run.worker';
import { BillRunsService } from './bill-runs.service';
import { BillsController } from './bills.controller';
import { BillsService } from './bills.service';
import { CashierService } from './cashier.service';
import { FeeChargesController } from './fee-charges.controller';
import { FeeChargesService } from './fee-charges.service';
import { FeeContractsService } from './fee-contracts.service';
import { FeeItemsService } from './fee-items.service';
import { FeeReminderJob } from './fee-reminder.job';
import { FeeRequestsService } from './fee-requests.service';
import { FeesController } from './fees.controller';
import { LedgerController } from './ledger.controller';
import { MeterImportService } from './meter-import.service';
import { MeterReadingsService } from './meter-readings.service';
import { MetersController } from './meters.controller';
import { PaidHistoryController } from './paid-history.controller';
import { PaidHistoryService } from './paid-history.service';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { PublicIncomeController } from './public-income.controller';
import { PublicIncomeService } from './public-income.service';
import { ReceiptsService } from './receipts.service';
import { RepairBillingJob } from './repair-billing.job';
import { ReversalsService } from './reversals.service';
import { StatementService } from './statement.service';

@Module({
  imports: [NotifyModule],
  controllers: [
    FeesController,
    BillsController,
    FeeChargesController,
    MetersController,
    PaidHistoryController,
    PublicIncomeController,
    PaymentsController,
    LedgerController,
  ],
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
    PaymentsService,
    ReceiptsService,
    ReversalsService,
    CashierService,
    StatementService,
    ArrearsService,
    ArrearsRemindService,
    PaidLinesHooks,
  ],
  exports: [BillRunWorker, RepairBillingJob, FeeReminderJob, PaymentsService, ReversalsService, PaidLinesHooks],
})
export class FeesModule {}
