import { Module } from '@nestjs/common';
import { BillRunWorker } from './bill-run.worker';
import { BillRunsService } from './bill-runs.service';
import { BillsController } from './bills.controller';
import { BillsService } from './bills.service';
import { FeeItemsService } from './fee-items.service';
import { FeesController } from './fees.controller';
import { MeterImportService } from './meter-import.service';
import { MeterReadingsService } from './meter-readings.service';
import { MetersController } from './meters.controller';

@Module({
  controllers: [FeesController, BillsController, MetersController],
  providers: [FeeItemsService, BillRunsService, BillsService, BillRunWorker, MeterReadingsService, MeterImportService],
  exports: [BillRunWorker],
})
export class FeesModule {}
