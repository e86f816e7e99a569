import { Module } from '@nestjs/common';
import { NotifyModule } from '../../notify/notify.module';
import { EngageSettingsService } from './engage-settings.service';
import { ResidentSurveysController } from './resident-surveys.controller';
import { SurveyPublisher } from './survey-publisher';
import { SurveyResultsService } from './survey-results.service';
import { SurveyJob } from './survey.job';
import { SurveysController } from './surveys.controller';
import { SurveysResidentService } from './surveys-resident.service';
import { SurveysStaffService } from './surveys-staff.service';

/** Surveys (issue #15, 满意度调查 / 问卷). */
@Module({
  imports: [NotifyModule],
  controllers: [SurveysController, ResidentSurveysController],
  providers: [SurveysStaffService, SurveysResidentService, SurveyResultsService, EngageSettingsService, SurveyPublisher, SurveyJob],
  exports: [SurveyJob, EngageSettingsService],
})
export class SurveysModule {}
