import { Module } from '@nestjs/common';
import { FeesModule } from '../fees/fees.module';
import { PayNotifyService } from './pay-notify.service';
import { PayMerchants } from './pay-merchants';
import { PayController } from './pay.controller';
import { PayOrdersJob } from './pay-orders.job';
import { PayOrdersService } from './pay-orders.service';
import { PayRefundsService } from './pay-refunds.service';
import { PayReconcileJob } from './pay-reconcile.job';
import { PayReconciliationService } from './pay-reconciliation.service';

/** WeChat Pay (issue #13): merchants, the APIv3 client, residents' payment orders, pending-order sweep, refunds. */
@Module({
  imports: [FeesModule],
  controllers: [PayController],
  providers: [PayMerchants, PayOrdersService, PayNotifyService, PayRefundsService, PayOrdersJob, PayReconciliationService, PayReconcileJob],
  exports: [PayMerchants, PayOrdersJob, PayReconcileJob],
})
export class PayModule {}
