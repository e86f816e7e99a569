import { Module } from '@nestjs/common';
import { NotifyModule } from '../notify/notify.module';
import { BillRunWorker } from './bill-run.worker';
import { BillRunsService } from './bill-runs.service';
import { BillsController } from './bills.controller';
import { BillsService } from './bills.service';
import { FeeItemsService } from './fee-items.service';
import { FeesController } from './fees.controller';
import { ArrearsRemindService } from './arrears-remind.service';
import { ArrearsService } from './arrears.service';
import { LedgerController } from './ledger.controller';
import { StatementService } from './statement.service';

@Module({
  imports: [NotifyModule],
  controllers: [FeesController, BillsController, LedgerController],
  providers: [FeeItemsService, BillRunsService, BillsService, BillRunWorker, StatementService, ArrearsService, ArrearsRemindService],
  exports: [BillRunWorker],
})
export class FeesModule {}
