import { Module } from '@nestjs/common';
import { WechatSubscribeChannel, WecomRobotChannel } from './channels';
import { DailyDigest } from './daily-digest';
import { DeliveryWorker } from './delivery.worker';
import { NotifyController } from './notify.controller';
import { NotifyService } from './notify.service';
import { SlaSweeper } from './sla-sweeper';
import { TicketNotifications } from './ticket-events';

@Module({
  controllers: [NotifyController],
  providers: [NotifyService, TicketNotifications, WechatSubscribeChannel, WecomRobotChannel, DeliveryWorker, SlaSweeper, DailyDigest],
  exports: [NotifyService, TicketNotifications, DeliveryWorker, SlaSweeper, DailyDigest],
})
export class NotifyModule {}
