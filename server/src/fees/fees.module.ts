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
import { FeeRequestsService } from './fee-requests.service';
import { FeesController } from './fees.controller';
import { RepairBillingJob } from './repair-billing.job';

@Module({
  controllers: [FeesController, BillsController, FeeChargesController],
  providers: [
    FeeItemsService,
    BillRunsService,
    BillsService,
    BillRunWorker,
    FeeContractsService,
    FeeChargesService,
    FeeRequestsService,
    RepairBillingJob,
    NotifyService,
  ],
  exports: [BillRunWorker, RepairBillingJob],
})
export class FeesModule {}
