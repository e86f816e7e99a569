import { Module } from '@nestjs/common';
import { FeeItemsService } from './fee-items.service';
import { FeesController } from './fees.controller';

@Module({
  controllers: [FeesController],
  providers: [FeeItemsService],
})
export class FeesModule {}
