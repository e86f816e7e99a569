import { Module } from '@nestjs/common';
import { FeesModule } from '../fees/fees.module';
import { NotifyModule } from '../notify/notify.module';
import { ItemApplyService } from './items/item-apply.service';
import { ItemReviewService } from './items/item-review.service';
import { ItemsController } from './items/items.controller';
import { ParkingApplyService } from './parking/parking-apply.service';
import { ParkingController } from './parking/parking.controller';
import { ParkingPaidHook } from './parking/parking-paid.hook';
import { ParkingReadService } from './parking/parking-read.service';
import { ParkingReminderJob } from './parking/parking-reminder.job';
import { ParkingReviewService } from './parking/parking-review.service';
import { PassAccessService } from './pass-access.service';
import { PassCancelService } from './pass-cancel.service';
import { PassCodes } from './pass-codes';
import { PassIssuer } from './pass-issuer';
import { PassPoliciesController } from './pass-policies.controller';
import { PassPoliciesService } from './pass-policies.service';
import { PassRequestsService } from './pass-requests.service';
import { PassScansService } from './pass-scans.service';
import { PassVerifyController } from './pass-verify.controller';
import { PassVerifyService } from './pass-verify.service';
import { PassesController } from './passes.controller';
import { PermitReviewService } from './permit-review.service';
import { PermitsController } from './permits.controller';
import { PermitsService } from './permits.service';
import { VerifyRate } from './verify-rate';

/** Passes (issue #14): visitor, resident, decoration-worker and parking passes, large-item releases, the guard's scan. */
@Module({
  imports: [NotifyModule, FeesModule],
  // the fixed paths (policy, verify, scans, permits, parking, items, plates) before passes/:id
  controllers: [PassPoliciesController, PassVerifyController, PermitsController, ParkingController, ItemsController, PassesController],
  providers: [
    PassCodes,
    PassIssuer,
    PassPoliciesService,
    PassRequestsService,
    PassAccessService,
    PassVerifyService,
    PassScansService,
    VerifyRate,
    PermitsService,
    PermitReviewService,
    ParkingApplyService,
    ParkingReadService,
    ParkingReviewService,
    ParkingPaidHook,
    ParkingReminderJob,
    ItemApplyService,
    ItemReviewService,
    PassCancelService,
  ],
  exports: [PassCodes, PassIssuer, PassPoliciesService, PassAccessService, ParkingReminderJob],
})
export class PassesModule {}
