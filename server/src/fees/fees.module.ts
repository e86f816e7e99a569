import { Module } from '@nestjs/common';
import { NotifyModule } from '../notify/notify.module';
import { BillRunWorker } from './bill-run.worker';
import { BillRunsService } from './bill-runs.service';
import { BillsController } from './bills.controller';
import { BillsService } from './bills.service';
import { CashierService } from './cashier.service';
import { FeeItemsService } from './fee-items.service';
import { FeesController } from './fees.controller';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { ReceiptsService } from './receipts.service';
import { ReversalsService } from './reversals.service';

@Module({
  imports: [NotifyModule],
  controllers: [FeesController, BillsController, PaymentsController],
  providers: [FeeItemsService, BillRunsService, BillsService, BillRunWorker, PaymentsService, ReceiptsService, ReversalsService, CashierService],
  exports: [BillRunWorker],
})
export class FeesModule {}
