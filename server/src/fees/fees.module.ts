import { Module } from '@nestjs/common';
import { BillRunWorker } from './bill-run.worker';
import { BillRunsService } from './bill-runs.service';
import { BillsController } from './bills.controller';
import { BillsService } from './bills.service';
import { FeeItemsService } from './fee-items.service';
import { FeesController } from './fees.controller';

@Module({
  controllers: [FeesController, BillsController],
  providers: [FeeItemsService, BillRunsService, BillsService, BillRunWorker],
  exports: [BillRunWorker],
})
export class FeesModule {}
