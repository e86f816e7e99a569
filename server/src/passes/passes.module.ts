import { Module } from '@nestjs/common';
import { FeesModule } from '../fees/fees.module';
import { NotifyModule } from '../notify/notify.module';
import { PassCodes } from './pass-codes';
import { PassIssuer } from './pass-issuer';
import { PassPoliciesController } from './pass-policies.controller';
import { PassPoliciesService } from './pass-policies.service';
import { ItemApplyService } from './items/item-apply.service';
import { ItemReviewService } from './items/item-review.service';
import { ItemsController } from './items/items.controller';
import { PassCancelService } from './pass-cancel.service';
import { ParkingApplyService } from './parking/parking-apply.service';
import { ParkingController } from './parking/parking.controller';
import { ParkingPaidHook } from './parking/parking-paid.hook';
import { ParkingReadService } from './parking/parking-read.service';
import { ParkingReminderJob } from './parking/parking-reminder.job';
import { ParkingReviewService } from './parking/parking-review.service';

/** Passes (issue #14): visitor, resident, decoration-worker and parking passes, large-item releases, the guard's scan. */
@Module({
  imports: [NotifyModule, FeesModule],
  controllers: [PassPoliciesController, ParkingController, ItemsController],
  providers: [
    PassCodes,
    PassIssuer,
    PassPoliciesService,
    ParkingApplyService,
    ParkingReadService,
    ParkingReviewService,
    ParkingPaidHook,
    ParkingReminderJob,
    ItemApplyService,
    ItemReviewService,
    PassCancelService,
  ],
  exports: [PassCodes, PassIssuer, PassPoliciesService, ParkingReminderJob],
})
export class PassesModule {}
