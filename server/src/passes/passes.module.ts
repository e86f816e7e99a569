import { Module } from '@nestjs/common';
import { NotifyModule } from '../notify/notify.module';
import { PassAccessService } from './pass-access.service';
import { PassCodes } from './pass-codes';
import { PassIssuer } from './pass-issuer';
import { PassPoliciesController } from './pass-policies.controller';
import { PassPoliciesService } from './pass-policies.service';
import { PassRequestsService } from './pass-requests.service';
import { PassScansService } from './pass-scans.service';
import { PassVerifyController } from './pass-verify.controller';
import { PassVerifyService } from './pass-verify.service';
import { PassesController } from './passes.controller';
import { VerifyRate } from './verify-rate';
import { PermitReviewService } from './permit-review.service';
import { PermitsController } from './permits.controller';
import { PermitsService } from './permits.service';

/** Passes (issue #14): visitor, resident, decoration-worker and parking passes, large-item releases, the guard's scan. */
@Module({
  imports: [NotifyModule],
  // the policy and verify controllers first: their fixed paths (policy, verify, scans) before passes/:id
  controllers: [PassPoliciesController, PassVerifyController, PermitsController, PassesController],
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
  ],
  exports: [PassCodes, PassIssuer, PassPoliciesService, PassAccessService],
})
export class PassesModule {}
