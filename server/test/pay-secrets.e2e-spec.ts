import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { TestApp } from './helpers/test-app';
import { createTestDb } from './helpers/test-db';

/** Merchant secrets stay in their files: never in the server's log, never in an answer; production refuses the fake. */
describe('WeChat Pay merchant secrets', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let app: TestApp;

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'both');
    app = await TestApp.start({
      LOG_LEVEL: 'trace',
      WXPAY_API_BASE: fake.url,
      WXPAY_MCHID: m.entry.mchid,
      WXPAY_APPID: m.entry.appid!,
      WXPAY_SERIAL_NO: m.entry.serialNo,
      WXPAY_PRIVATE_KEY_FILE: m.entry.privateKeyFile,
      WXPAY_APIV3_KEY_FILE: m.entry.apiV3KeyFile,
      WXPAY_PLATFORM_CERT_FILES: m.entry.platformCertFiles!.join(','),
      WXPAY_PUBLIC_KEY_FILE: m.entry.publicKeyFile!,
      WXPAY_PUBLIC_KEY_ID: m.entry.publicKeyId!,
    });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });

  it('the boot names the merchant by its ids only; no log line nor answer carries a key', async () => {
    const admin = await app.staff('admin');
    await app.get('/api/health');
    await app.get('/api/docs-json');
    await app.post('/api/nonexistent', { privateKey: 'x' }, { token: admin.accessToken });
    await new Promise((r) => setTimeout(r, 200));
    const log = app.output.join('');
    expect(log).toContain(`mchid ${m.entry.mchid}`);
    const keyLines = m.privateKeyPem.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const secret of [m.apiV3Key, ...keyLines]) expect(log).not.toContain(secret);
    const docs = await app.get('/api/docs-json');
    expect(JSON.stringify(docs.body)).not.toContain(m.apiV3Key);
  });

  it('production boot refuses a WeChat Pay address other than WeChat Pay itself', async () => {
    const db = await createTestDb();
    const err = await TestApp.start(
      {
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-of-some-length',
        ALLOW_SQLITE_IN_PRODUCTION: 'true',
        TEST_HOOKS: 'false',
        WXPAY_API_BASE: fake.url,
      },
      db,
      30_000,
    ).then(
      (a) => (void a.close(), null),
      (e: Error) => e,
    );
    await db.drop();
    expect(err?.message).toMatch(/WXPAY_API_BASE: production pays only through WeChat Pay itself/);
  });
});
