import { Module } from '@nestjs/common';
import { WechatSubscribeChannel, WecomRobotChannel } from './channels';
import { DailyDigest } from './daily-digest';
import { DeliveryWorker } from './delivery.worker';
import { EventExpander } from './event-expander';
import { EventKick } from './event-kick';
import { NotifyController } from './notify.controller';
import { NotifyEvents } from './notify-events';
import { NotifyRetentionJob } from './notify-retention.job';
import { NotifyService } from './notify.service';
import { SlaSweeper } from './sla-sweeper';
import { TicketNotifications } from './ticket-events';

@Module({
  controllers: [NotifyController],
  providers: [
    NotifyService,
    TicketNotifications,
    WechatSubscribeChannel,
    WecomRobotChannel,
    DeliveryWorker,
    SlaSweeper,
    DailyDigest,
    EventExpander,
    EventKick,
    NotifyEvents,
    NotifyRetentionJob,
  ],
  exports: [NotifyRetentionJob, NotifyService, TicketNotifications, NotifyEvents, EventExpander, DeliveryWorker, SlaSweeper, DailyDigest],
})
export class NotifyModule {}
