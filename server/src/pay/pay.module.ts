import { Module } from '@nestjs/common';
import { PayMerchants } from './pay-merchants';

/** WeChat Pay (issue #13): merchants and the APIv3 client so far. */
@Module({ providers: [PayMerchants], exports: [PayMerchants] })
export class PayModule {}
