import { Module } from '@nestjs/common';
import { NumberingService } from './numbering.service';
import { AutoConfirmJob } from './repairs/auto-confirm.job';
import { PriceItemsController, RepairsController } from './repairs/repairs.controller';
import { RepairsService } from './repairs/repairs.service';
import { TicketHooks } from './ticket-hooks';

@Module({
  controllers: [RepairsController, PriceItemsController],
  providers: [NumberingService, TicketHooks, RepairsService, AutoConfirmJob],
  exports: [RepairsService, TicketHooks],
})
export class TicketsModule {}
