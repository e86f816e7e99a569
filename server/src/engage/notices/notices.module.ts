import { Module } from '@nestjs/common';
import { NotifyModule } from '../../notify/notify.module';
import { NoticePublisher } from './notice-publisher';
import { NoticeReadsService } from './notice-reads.service';
import { NoticeSourcesService } from './notice-sources.service';
import { NoticesController } from './notices.controller';
import { NoticesJob } from './notices.job';
import { NoticesService } from './notices.service';

/** Notices (issue #15): 通知 / 公告 with targeting, scheduling, outage reminders and read receipts. */
@Module({
  imports: [NotifyModule],
  controllers: [NoticesController],
  providers: [NoticePublisher, NoticesService, NoticeReadsService, NoticeSourcesService, NoticesJob],
  exports: [NoticesJob],
})
export class NoticesModule {}
