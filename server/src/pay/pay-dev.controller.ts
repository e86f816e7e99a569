import { HttpCode, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PayOrderView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { ApiDoc, ref } from '../common/openapi/api-doc';
import { PayOrdersService } from './pay-orders.service';

/** Development only (never registered in production): the simulated WeChat payment sheet of the H5 app. */
@ApiTags('pay')
@ApiBearerAuth()
@Controller('api/pay/dev')
export class PayDevController {
  constructor(private readonly orders: PayOrdersService) {}

  @Post('confirm/:id')
  @Roles('resident')
  @HttpCode(200)
  @ApiDoc('开发模式（生产环境无此接口）：模拟在微信支付页确认支付本人的缴费订单；模拟的微信支付随后发送签名加密的支付通知', ref('PayOrderView'))
  confirm(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<PayOrderView> {
    return this.orders.devConfirm(c, id);
  }
}
