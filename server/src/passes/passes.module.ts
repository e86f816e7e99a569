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

/** Passes (issue #14): visitor, resident, decoration-worker and parking passes, large-item releases, the guard's scan. */
@Module({
  imports: [NotifyModule],
  // the policy and verify controllers first: their fixed paths (policy, verify, scans) before passes/:id
  controllers: [PassPoliciesController, PassVerifyController, PassesController],
  providers: [PassCodes, PassIssuer, PassPoliciesService, PassRequestsService, PassAccessService, PassVerifyService, PassScansService, VerifyRate],
  exports: [PassCodes, PassIssuer, PassPoliciesService, PassAccessService],
})
export class PassesModule {}
