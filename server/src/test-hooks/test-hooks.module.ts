import { Module } from '@nestjs/common';
import { FeesModule } from '../fees/fees.module';
import { NotifyModule } from '../notify/notify.module';
import { OrgModule } from '../org/org.module';
import { PayModule } from '../pay/pay.module';
import { TicketsModule } from '../tickets/tickets.module';
import { PassesModule } from '../passes/passes.module';
import { SurveysModule } from '../engage/surveys/surveys.module';
import { NoticesModule } from '../engage/notices/notices.module';
import { VisitsModule } from '../engage/visits/visits.module';
import { ReportsModule } from '../reports/reports.module';
import { TestHooksController } from './test-hooks.controller';

@Module({
  imports: [TicketsModule, NotifyModule, FeesModule, OrgModule, PayModule, PassesModule, SurveysModule, NoticesModule, VisitsModule, ReportsModule],
  controllers: [TestHooksController],
})
export class TestHooksModule {}
