import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { FakeWechatPay } from './fake/fake-wechatpay';
import { loadMerchants, MerchantConfig } from './merchant-config';
import { WxPayClient } from './wxpay.client';

/** The demo company (the seed's first company) gets the generated merchant in development mode. */
const DEMO_COMPANY_ID = 1;

/**
 * The companies' WeChat Pay merchants (validated at boot by loadConfig) and a client for each. Outside production with
 * no merchant configured (AppConfig.devFakePay), the fake WeChat Pay runs on loopback with a generated merchant for the
 * demo company, so development pays through the real code path.
 */
@Injectable()
export class PayMerchants implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Pay');
  private readonly merchants: Map<number, MerchantConfig>;
  private dev: { fake: FakeWechatPay; merchant: MerchantConfig } | null = null;

  constructor(
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
  ) {
    this.merchants = loadMerchants(cfg);
    // ids only: MerchantConfig prints without its keys
    if (this.merchants.size) this.log.log(`WeChat Pay merchants: ${[...this.merchants.values()].map(String).join(', ')}`);
  }

  async onModuleInit() {
    if (!this.cfg.devFakePay || this.merchants.size) return;
    try {
      const fake = await new FakeWechatPay().start();
      // its trade bill's days follow the server's business clock (the one the tests move), as ours do
      fake.clock = () => this.clock.now();
      const merchant = fake.makeMerchant(DEMO_COMPANY_ID, 'certificate', this.cfg.WECHAT_RESIDENT_APPID ?? 'wx00000000devresident').config;
      this.merchants.set(merchant.companyId, merchant);
      this.dev = { fake, merchant };
      this.log.warn(`开发模式：微信支付使用本机模拟 (fake WeChat Pay ${fake.url}, ${String(merchant)})`);
    } catch (e) {
      this.log.warn(`开发模式：无法启动模拟微信支付 (${(e as Error).message})`);
    }
  }

  async onModuleDestroy() {
    await this.dev?.fake.stop();
  }

  forCompany(companyId: number): MerchantConfig | null {
    return this.merchants.get(companyId) ?? null;
  }

  all(): MerchantConfig[] {
    return [...this.merchants.values()];
  }

  /** The fake WeChat Pay when `m` is the development merchant it knows, else null. */
  devFake(m: MerchantConfig | null): FakeWechatPay | null {
    return m && this.dev?.merchant === m ? this.dev.fake : null;
  }

  client(m: MerchantConfig): WxPayClient {
    const base = this.devFake(m)?.url ?? this.cfg.WXPAY_API_BASE;
    // signatures carry the real time (WeChat Pay refuses skew), not the business clock tests move
    return new WxPayClient(base, m, () => new Date(), this.cfg.WECHAT_TIMEOUT_MS);
  }
}
