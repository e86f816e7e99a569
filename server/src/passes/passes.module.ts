import { Module } from '@nestjs/common';
import { NotifyModule } from '../notify/notify.module';
import { PassCodes } from './pass-codes';
import { PassIssuer } from './pass-issuer';
import { PassPoliciesController } from './pass-policies.controller';
import { PassPoliciesService } from './pass-policies.service';
import { PermitReviewService } from './permit-review.service';
import { PermitsController } from './permits.controller';
import { PermitsService } from './permits.service';

/** Passes (issue #14): visitor, resident, decoration-worker and parking passes, large-item releases, the guard's scan. */
@Module({
  imports: [NotifyModule],
  controllers: [PassPoliciesController, PermitsController],
  providers: [PassCodes, PassIssuer, PassPoliciesService, PermitsService, PermitReviewService],
  exports: [PassCodes, PassIssuer, PassPoliciesService],
})
export class PassesModule {}
