import { Module } from '@nestjs/common';
import { FeesModule } from '../fees/fees.module';
import { PayNotifyService } from './pay-notify.service';
import { PayMerchants } from './pay-merchants';
import { PayController } from './pay.controller';
import { PayOrdersService } from './pay-orders.service';

/** WeChat Pay (issue #13): merchants, the APIv3 client, residents' payment orders. */
@Module({ imports: [FeesModule], controllers: [PayController], providers: [PayMerchants, PayOrdersService, PayNotifyService], exports: [PayMerchants] })
export class PayModule {}
