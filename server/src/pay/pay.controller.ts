import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PayOrderView, PayReconciliationView, PayRefundFailureView } from '@linli/shared';
import { Caller, CurrentCaller, Public, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';
import { CreatePayOrderDto, ReconciliationQueryDto } from './dto/pay-order.dto';
import { PayReconciliationViewService } from './pay-reconciliation-view.service';
import { PayRefundFailuresService } from './pay-refund-failures.service';
import { PayNotifyService } from './pay-notify.service';
import { PayOrdersService } from './pay-orders.service';
import { PayRefundsService } from './pay-refunds.service';

/** 微信缴费 (resident app). */
@ApiTags('pay')
@ApiBearerAuth()
@Controller('api/pay')
export class PayController {
  constructor(
    private readonly orders: PayOrdersService,
    private readonly notify: PayNotifyService,
    private readonly refunds: PayRefundsService,
    private readonly recon: PayReconciliationViewService,
    private readonly failures: PayRefundFailuresService,
  ) {}

  @Get('reconciliation')
  @Roles('manager', 'admin')
  @ApiDoc(
    '微信支付对账：某日（默认昨日，上海时间）的对账状态、本系统与微信账单的笔数和金额、不符项（含房屋）；每日早晨自动核对前一日。经理看所辖小区',
    ref('PayReconciliationView'),
  )
  reconciliation(@CurrentCaller() c: Caller, @Query() q: ReconciliationQueryDto): Promise<PayReconciliationView> {
    return this.recon.get(c, q.date);
  }

  @Get('refunds/failed')
  @Roles('manager', 'admin')
  @ApiDoc('退款异常：微信支付退款失败（ABNORMAL / CLOSED）的退款单（所辖小区，最近 100 条），款项需线下退回', refList('PayRefundFailureView'))
  failedRefunds(@CurrentCaller() c: Caller): Promise<PayRefundFailureView[]> {
    return this.failures.list(c);
  }

  @Post('orders')
  @Roles('resident')
  @ApiDoc(
    '微信缴费下单：选中本人房屋的未缴账单（不填为全部），金额由服务器按今日计算（含滞纳金），15 分钟内有效；返回 Taro.requestPayment 参数',
    ref('PayOrderView'),
    201,
  )
  create(@CurrentCaller() c: Caller, @Body() dto: CreatePayOrderDto, @Req() req: { headers: Record<string, string | undefined> }): Promise<PayOrderView> {
    return this.orders.create(c, dto, req.headers.host);
  }

  @Get('orders/:id')
  @Roles('resident')
  @ApiDoc('本人的缴费订单；从支付页返回时仍未支付则向微信支付查询，已支付即入账（与支付通知只入账一次）', ref('PayOrderView'))
  get(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<PayOrderView> {
    return this.orders.get(c, id);
  }

  @Post('notify')
  @Public()
  @HttpCode(204)
  @ApiDoc('微信支付结果通知（notify_url，由微信支付调用）：验签、解密、核对订单后入账；成功 204，失败返回 {code: FAIL, message} 以便微信重试', null, 204)
  async notifyUrl(
    @Req() req: { headers: Record<string, string | string[] | undefined>; rawBody?: string },
    @Res({ passthrough: true }) reply: { status(code: number): unknown },
  ): Promise<unknown> {
    const header = (n: string) => {
      const v = req.headers[n];
      return Array.isArray(v) ? v[0] : v;
    };
    const a = await this.notify.handle(header, req.rawBody);
    reply.status(a.status);
    return a.status === 204 ? undefined : a.body;
  }

  @Post('refund-notify')
  @Public()
  @HttpCode(204)
  @ApiDoc('微信支付退款结果通知（由微信支付调用）：验签、解密、核对退款单后记为退款成功或失败；成功 204，失败返回 {code: FAIL, message}', null, 204)
  async refundNotifyUrl(
    @Req() req: { headers: Record<string, string | string[] | undefined>; rawBody?: string },
    @Res({ passthrough: true }) reply: { status(code: number): unknown },
  ): Promise<unknown> {
    const v = (n: string) => req.headers[n];
    const a = await this.refunds.handleNotify((n) => {
      const x = v(n);
      return Array.isArray(x) ? x[0] : x;
    }, req.rawBody);
    reply.status(a.status);
    return a.status === 204 ? undefined : a.body;
  }
}
