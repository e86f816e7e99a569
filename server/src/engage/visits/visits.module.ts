import { Module } from '@nestjs/common';
import { NotifyModule } from '../../notify/notify.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { CustomerVisitsService } from './customer-visits.service';
import { NewResidentVisitsJob } from './new-resident-visits.job';
import { NewResidentVisitsService } from './new-resident-visits.service';
import { VisitCoverageService } from './visit-coverage.service';
import { VisitTicketsService } from './visit-tickets.service';
import { VisitsController } from './visits.controller';

/** Return visits of new residents and customer visits with their plan (issue #15). */
@Module({
  imports: [TicketsModule, NotifyModule],
  controllers: [VisitsController],
  providers: [NewResidentVisitsService, CustomerVisitsService, VisitTicketsService, VisitCoverageService, NewResidentVisitsJob],
  exports: [NewResidentVisitsJob],
})
export class VisitsModule {}
