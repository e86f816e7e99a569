import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { loadMerchants, MerchantConfig } from './merchant-config';
import { WxPayClient } from './wxpay.client';

/** The companies' WeChat Pay merchants (validated at boot by loadConfig) and a client for each. */
@Injectable()
export class PayMerchants {
  private readonly log = new Logger('Pay');
  private readonly merchants: Map<number, MerchantConfig>;

  constructor(private readonly cfg: AppConfig) {
    this.merchants = loadMerchants(cfg);
    // ids only: MerchantConfig prints without its keys
    if (this.merchants.size) this.log.log(`WeChat Pay merchants: ${[...this.merchants.values()].map(String).join(', ')}`);
  }

  forCompany(companyId: number): MerchantConfig | null {
    return this.merchants.get(companyId) ?? null;
  }

  all(): MerchantConfig[] {
    return [...this.merchants.values()];
  }

  client(m: MerchantConfig): WxPayClient {
    // signatures carry the real time (WeChat Pay refuses skew), not the business clock tests move
    return new WxPayClient(this.cfg.WXPAY_API_BASE, m, () => new Date(), this.cfg.WECHAT_TIMEOUT_MS);
  }
}
