import { Module } from '@nestjs/common';
import { ComplaintsAutoFinishJob } from './complaints/auto-finish.job';
import { ComplaintsController } from './complaints/complaints.controller';
import { ComplaintIntakeService } from './complaints/complaint-intake.service';
import { ComplaintQueriesService } from './complaints/complaint-queries.service';
import { ComplaintStaffService } from './complaints/complaint-staff.service';
import { ComplaintStepsService } from './complaints/complaint-steps.service';
import { ComplaintTransitionsService } from './complaints/complaint-transitions.service';
import { ReportsController } from './complaints/reports.controller';
import { ReportsService } from './complaints/reports.service';
import { NumberingService } from './numbering.service';
import { AutoConfirmJob } from './repairs/auto-confirm.job';
import { PriceItemsController, RepairsController } from './repairs/repairs.controller';
import { RepairIntakeService } from './repairs/repair-intake.service';
import { RepairQueriesService } from './repairs/repair-queries.service';
import { RepairTransitionsService } from './repairs/repair-transitions.service';
import { RepairViews } from './repairs/repair-views';
import { NotifyModule } from '../notify/notify.module';
import { TicketCore } from './ticket-core.service';
import { TicketHooks } from './ticket-hooks';

@Module({
  imports: [NotifyModule],
  controllers: [RepairsController, PriceItemsController, ComplaintsController, ReportsController],
  providers: [
    NumberingService,
    TicketHooks,
    TicketCore,
    RepairViews,
    RepairTransitionsService,
    RepairIntakeService,
    RepairQueriesService,
    AutoConfirmJob,
    ComplaintIntakeService,
    ComplaintQueriesService,
    ComplaintStaffService,
    ComplaintStepsService,
    ComplaintTransitionsService,
    ReportsService,
    ComplaintsAutoFinishJob,
  ],
  exports: [RepairTransitionsService, ComplaintTransitionsService, TicketHooks, RepairIntakeService, ComplaintIntakeService],
})
export class TicketsModule {}
