import { Module } from '@nestjs/common';
import { NotifyModule } from '../notify/notify.module';
import { PassCodes } from './pass-codes';
import { PassIssuer } from './pass-issuer';
import { PassPoliciesController } from './pass-policies.controller';
import { PassPoliciesService } from './pass-policies.service';

/** Passes (issue #14): visitor, resident, decoration-worker and parking passes, large-item releases, the guard's scan. */
@Module({
  imports: [NotifyModule],
  controllers: [PassPoliciesController],
  providers: [PassCodes, PassIssuer, PassPoliciesService],
  exports: [PassCodes, PassIssuer, PassPoliciesService],
})
export class PassesModule {}
