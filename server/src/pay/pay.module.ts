import { Module } from '@nestjs/common';
import { FeesModule } from '../fees/fees.module';
import { NotifyModule } from '../notify/notify.module';
import { PayDevController } from './pay-dev.controller';
import { PayNotifyService } from './pay-notify.service';
import { PayMerchants } from './pay-merchants';
import { PayController } from './pay.controller';
import { PayOrdersJob } from './pay-orders.job';
import { PayOrdersService } from './pay-orders.service';
import { PayRefundsService } from './pay-refunds.service';
import { PayReconcileJob } from './pay-reconcile.job';
import { PayReconciliationService } from './pay-reconciliation.service';
import { PayReconciliationViewService } from './pay-reconciliation-view.service';
import { PayRefundFailuresService } from './pay-refund-failures.service';

// the simulated payment sheet exists outside production only (the same NODE_ENV loadConfig reads)
const devControllers = process.env.NODE_ENV === 'production' ? [] : [PayDevController];

/** WeChat Pay (issue #13): merchants, the APIv3 client, residents' payment orders, pending-order sweep, refunds, reconciliation. */
@Module({
  imports: [FeesModule, NotifyModule],
  controllers: [PayController, ...devControllers],
  providers: [
    PayMerchants,
    PayOrdersService,
    PayNotifyService,
    PayRefundsService,
    PayOrdersJob,
    PayReconciliationService,
    PayReconcileJob,
    PayReconciliationViewService,
    PayRefundFailuresService,
  ],
  exports: [PayMerchants, PayOrdersJob, PayReconcileJob],
})
export class PayModule {}
