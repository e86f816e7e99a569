import { BillRunView, LoginResponse } from '@linli/shared';
import { FakeWechatPay, TestMerchant } from './fake-wechatpay';
import { TestApp } from './test-app';

/** The server's environment for one merchant (company 1) talking to the fake. */
export function payEnv(fake: FakeWechatPay, m: TestMerchant): Record<string, string> {
  const e = m.entry;
  return {
    WXPAY_API_BASE: fake.url,
    WXPAY_MCHID: e.mchid,
    WXPAY_APPID: e.appid!,
    WXPAY_SERIAL_NO: e.serialNo,
    WXPAY_PRIVATE_KEY_FILE: e.privateKeyFile,
    WXPAY_APIV3_KEY_FILE: e.apiV3KeyFile,
    ...(e.platformCertFiles ? { WXPAY_PLATFORM_CERT_FILES: e.platformCertFiles.join(',') } : {}),
    ...(e.publicKeyFile ? { WXPAY_PUBLIC_KEY_FILE: e.publicKeyFile, WXPAY_PUBLIC_KEY_ID: e.publicKeyId! } : {}),
  };
}

/** An owner-paid and an occupant-paid monthly item on 锦绣花园 with late fees, billed for 2026-09 and 2026-10. */
export async function billJxhy(t: TestApp, admin: LoginResponse, cashier: LoginResponse): Promise<number> {
  const [c] = await t.query("SELECT id FROM communities WHERE code = 'JXHY'");
  const communityId = Number(c.id);
  const item = (name: string, payer: string, priceE4: number) => ({
    communityId,
    name,
    kind: 'area',
    payer,
    periodUnit: 'month',
    priceE4,
    dueDay: 15,
    lateFeeRatePpm: 500,
    lateFeeGraceDays: 0,
    serviceContent: name,
    startsOn: '2026-01-01',
  });
  for (const [name, payer, price] of [
    ['电梯运行费', 'owner', 25000],
    ['二次供水分摊', 'occupant', 2000],
  ] as const) {
    const r = await t.post('/api/fees/items', item(name, payer, price), { token: admin.accessToken });
    if (r.status !== 201) throw new Error(`fee item: ${r.status} ${JSON.stringify(r.body)}`);
  }
  for (const period of ['2026-09', '2026-10']) {
    const r = await t.post<BillRunView>('/api/fees/runs', { communityId, period }, { token: cashier.accessToken });
    if (r.status !== 201) throw new Error(`bill run: ${r.status} ${JSON.stringify(r.body)}`);
    for (let i = 0; ; i++) {
      const v = (await t.get<BillRunView>(`/api/fees/runs/${r.body.id}`, { token: cashier.accessToken })).body;
      if (v.status === 'done') break;
      if (i > 200) throw new Error('bill run still running');
      await new Promise((res) => setTimeout(res, 50));
    }
  }
  return communityId;
}

/** Links a resident to the merchant's mini-program (what a WeChat login there would have done). */
export async function linkPayOpenid(t: TestApp, userId: number, appid: string, openid: string) {
  await t.query('DELETE FROM wechat_identities WHERE user_id = ? AND app = ?', [userId, 'resident']);
  await t.query('INSERT INTO wechat_identities (user_id, app, appid, openid, unionid) VALUES (?, ?, ?, ?, NULL)', [userId, 'resident', appid, openid]);
}
