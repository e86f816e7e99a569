import { Module } from '@nestjs/common';
import { TicketsModule } from '../../tickets/tickets.module';
import { CustomerVisitsService } from './customer-visits.service';
import { NewResidentVisitsService } from './new-resident-visits.service';
import { VisitCoverageService } from './visit-coverage.service';
import { VisitTicketsService } from './visit-tickets.service';
import { VisitsController } from './visits.controller';

/** Return visits of new residents and customer visits with their plan (issue #15). */
@Module({
  imports: [TicketsModule],
  controllers: [VisitsController],
  providers: [NewResidentVisitsService, CustomerVisitsService, VisitTicketsService, VisitCoverageService],
})
export class VisitsModule {}
