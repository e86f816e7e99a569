import { LoginResponse } from '@linli/shared';
import { FakeWechat } from './helpers/fake-wechat';
import { TestApp } from './helpers/test-app';

const isApiError = (body: any, code: string) => {
  expect(body).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
};

describe('auth: WeChat login and phone through the WeChat API (fake)', () => {
  let t: TestApp;
  const fake = new FakeWechat();
  const RES = { appid: 'wx-resident-appid', secret: 'resident-secret' };
  const STAFF = { appid: 'wx-staff-appid', secret: 'staff-secret' };

  beforeAll(async () => {
    await fake.start();
    t = await TestApp.start({
      WECHAT_API_BASE: fake.url,
      WECHAT_RESIDENT_APPID: RES.appid,
      WECHAT_RESIDENT_SECRET: RES.secret,
      WECHAT_STAFF_APPID: STAFF.appid,
      WECHAT_STAFF_SECRET: STAFF.secret,
      DEV_LOGIN: 'false',
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('the seed takes WECHAT_RESIDENT_APPID as the demo company resident app', async () => {
    const rows = await t.query('SELECT resident_appid FROM companies');
    expect(rows.map((r) => r.resident_appid)).toEqual([RES.appid]);
  });

  it('dev login is refused and demo accounts are hidden when DEV_LOGIN=false', async () => {
    const r = await t.post('/api/auth/dev-login', { app: 'resident', code: 'zhangsan' });
    expect(r.status).toBe(403);
    isApiError(r.body, 'DEV_LOGIN_DISABLED');
    const d = await t.get('/api/auth/demo-accounts');
    expect(d.status).toBe(404);
    expect(d.body.code).toBe('NOT_FOUND');
  });

  it('resident wx-login creates the user; the same openid logs into the same user; unionid stored', async () => {
    fake.sessions.set('res-code-1', ['o-res-1', 'u-res-1']);
    fake.sessions.set('res-code-2', ['o-res-1', 'u-res-1']);
    const first = await t.post<LoginResponse>('/api/auth/wx-login', { app: 'resident', code: 'res-code-1' });
    expect(first.status).toBe(200);
    expect(first.body.me).toEqual(expect.objectContaining({ kind: 'resident', roles: ['resident'], bindings: [] }));

    const call = fake.callsTo('/sns/jscode2session').at(-1)!;
    expect(call.method).toBe('GET');
    expect(call.query).toEqual({ appid: RES.appid, secret: RES.secret, js_code: 'res-code-1', grant_type: 'authorization_code' });

    const second = await t.post<LoginResponse>('/api/auth/wx-login', { app: 'resident', code: 'res-code-2' });
    expect(second.status).toBe(200);
    expect(second.body.me.id).toBe(first.body.me.id);

    const ids = await t.query('SELECT user_id, app, appid, unionid FROM wechat_identities WHERE openid = ?', ['o-res-1']);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toEqual(expect.objectContaining({ app: 'resident', appid: RES.appid, unionid: 'u-res-1' }));
    expect(Number(ids[0].user_id)).toBe(first.body.me.id);
  });

  it('a unionid that shows up later is filled in', async () => {
    fake.sessions.set('res-code-3', ['o-res-2']);
    fake.sessions.set('res-code-4', ['o-res-2', 'u-res-2']);
    const a = await t.post<LoginResponse>('/api/auth/wx-login', { app: 'resident', code: 'res-code-3' });
    expect((await t.query('SELECT unionid FROM wechat_identities WHERE openid = ?', ['o-res-2']))[0].unionid).toBeNull();
    const b = await t.post<LoginResponse>('/api/auth/wx-login', { app: 'resident', code: 'res-code-4' });
    expect(b.body.me.id).toBe(a.body.me.id);
    expect((await t.query('SELECT unionid FROM wechat_identities WHERE openid = ?', ['o-res-2']))[0].unionid).toBe('u-res-2');
  });

  it('an invalid code is 401 WECHAT_ERROR', async () => {
    const r = await t.post('/api/auth/wx-login', { app: 'resident', code: 'no-such-code' });
    expect(r.status).toBe(401);
    isApiError(r.body, 'WECHAT_ERROR');
  });

  it('WeChat answering HTTP 500 is a 502 WECHAT_ERROR, never a 500', async () => {
    fake.on('/sns/jscode2session', () => ({ status: 500, body: 'internal error' }));
    try {
      const r = await t.post('/api/auth/wx-login', { app: 'resident', code: 'res-code-1' });
      expect(r.status).toBe(502);
      isApiError(r.body, 'WECHAT_ERROR');
      // a non-JSON 200 is no better
      fake.on('/sns/jscode2session', () => ({ status: 200, body: '<html>gateway</html>' }));
      const r2 = await t.post('/api/auth/wx-login', { app: 'resident', code: 'res-code-1' });
      expect(r2.status).toBe(502);
      isApiError(r2.body, 'WECHAT_ERROR');
    } finally {
      fake.off('/sns/jscode2session');
    }
  });

  it('staff wx-login: unlinked openid 401; after link-wechat it logs in; an openid linked to another staff is 409', async () => {
    fake.sessions.set('staff-code-1', ['o-staff-1']);
    fake.sessions.set('staff-code-2', ['o-staff-1']);
    fake.sessions.set('staff-code-3', ['o-staff-1']);
    const unlinked = await t.post('/api/auth/wx-login', { app: 'staff', code: 'staff-code-1' });
    expect(unlinked.status).toBe(401);
    isApiError(unlinked.body, 'INVALID_CREDENTIALS');
    expect(fake.callsTo('/sns/jscode2session').at(-1)!.query).toEqual(
      expect.objectContaining({ appid: STAFF.appid, secret: STAFF.secret, js_code: 'staff-code-1' }),
    );

    const sup = await t.staff('supervisor1');
    const link = await t.post('/api/me/link-wechat', { code: 'staff-code-2' }, { token: sup.accessToken });
    expect(link.status).toBe(200);
    expect(link.body.wechatLinked).toBe(true);
    const row = await t.query('SELECT user_id, app, appid FROM wechat_identities WHERE openid = ?', ['o-staff-1']);
    expect(row).toEqual([expect.objectContaining({ app: 'staff', appid: STAFF.appid })]);
    expect(Number(row[0].user_id)).toBe(sup.me.id);

    const login = await t.post<LoginResponse>('/api/auth/wx-login', { app: 'staff', code: 'staff-code-3' });
    expect(login.status).toBe(200);
    expect(login.body.me).toEqual(expect.objectContaining({ id: sup.me.id, kind: 'staff', roles: ['supervisor'], wechatLinked: true }));

    const agent = await t.staff('agent1');
    const taken = await t.post('/api/me/link-wechat', { code: 'staff-code-2' }, { token: agent.accessToken });
    expect(taken.status).toBe(409);
    isApiError(taken.body, 'CONFLICT');
    expect(await t.query('SELECT user_id FROM wechat_identities WHERE openid = ?', ['o-staff-1'])).toHaveLength(1);

    // linking again by the same staff member is a no-op
    expect((await t.post('/api/me/link-wechat', { code: 'staff-code-2' }, { token: sup.accessToken })).status).toBe(200);
  });

  it('a resident openid does not log into the staff app', async () => {
    fake.sessions.set('res-as-staff', ['o-res-1']);
    const r = await t.post('/api/auth/wx-login', { app: 'staff', code: 'res-as-staff' });
    expect(r.status).toBe(401);
  });

  describe('phone number', () => {
    let token: string;
    beforeAll(async () => {
      fake.sessions.set('phone-res', ['o-phone-res']);
      token = (await t.post<LoginResponse>('/api/auth/wx-login', { app: 'resident', code: 'phone-res' })).body.accessToken;
    });

    it('goes to stable_token and then getuserphonenumber with that token', async () => {
      fake.phones.set('ph-1', '13912340001');
      const before = fake.calls.length;
      const r = await t.post('/api/me/phone', { code: 'ph-1' }, { token });
      expect(r.status).toBe(200);
      expect(r.body.phoneMasked).toBe('139****0001');

      const calls = fake.calls.slice(before);
      expect(calls.map((c) => c.path)).toEqual(['/cgi-bin/stable_token', '/wxa/business/getuserphonenumber']);
      expect(calls[0].method).toBe('POST');
      expect(calls[0].body).toEqual({ grant_type: 'client_credential', appid: RES.appid, secret: RES.secret, force_refresh: false });
      expect(calls[1].method).toBe('POST');
      expect(calls[1].query.access_token).toBe(`token-${fake.tokenSerial}`);
      expect(calls[1].body).toEqual({ code: 'ph-1' });

      const u = await t.query('SELECT phone FROM users WHERE id = ?', [r.body.id]);
      expect(u[0].phone).toBe('13912340001');
    });

    it('the access token is cached: a second phone call makes no new stable_token call', async () => {
      fake.phones.set('ph-2', '13912340002');
      const tokens = fake.callsTo('/cgi-bin/stable_token').length;
      const r = await t.post('/api/me/phone', { code: 'ph-2' }, { token });
      expect(r.status).toBe(200);
      expect(r.body.phoneMasked).toBe('139****0002');
      expect(fake.callsTo('/cgi-bin/stable_token')).toHaveLength(tokens);
      expect(fake.callsTo('/wxa/business/getuserphonenumber').at(-1)!.query.access_token).toBe(`token-${fake.tokenSerial}`);
    });

    it('40001 from getuserphonenumber refreshes the token once (force_refresh) and succeeds', async () => {
      fake.phones.set('ph-3', '13912340003');
      let rejected = 0;
      fake.on('/wxa/business/getuserphonenumber', () =>
        rejected++ === 0 ? { body: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } } : undefined,
      );
      try {
        const before = fake.calls.length;
        const staleToken = `token-${fake.tokenSerial}`;
        const r = await t.post('/api/me/phone', { code: 'ph-3' }, { token });
        expect(r.status).toBe(200);
        expect(r.body.phoneMasked).toBe('139****0003');
        const calls = fake.calls.slice(before);
        expect(calls.map((c) => c.path)).toEqual(['/wxa/business/getuserphonenumber', '/cgi-bin/stable_token', '/wxa/business/getuserphonenumber']);
        expect(calls[0].query.access_token).toBe(staleToken);
        expect(calls[1].body).toEqual(expect.objectContaining({ appid: RES.appid, force_refresh: true }));
        expect(calls[2].query.access_token).toBe(`token-${fake.tokenSerial}`);
        expect(calls[2].query.access_token).not.toBe(staleToken);
      } finally {
        fake.off('/wxa/business/getuserphonenumber');
      }
    });

    it('a token that stays invalid is refreshed only once, then a 502', async () => {
      fake.on('/wxa/business/getuserphonenumber', () => ({ body: { errcode: 40001, errmsg: 'invalid credential' } }));
      try {
        const before = fake.calls.length;
        const r = await t.post('/api/me/phone', { code: 'ph-1' }, { token });
        expect(r.status).toBe(502);
        isApiError(r.body, 'WECHAT_ERROR');
        expect(fake.calls.slice(before).map((c) => c.path)).toEqual([
          '/wxa/business/getuserphonenumber',
          '/cgi-bin/stable_token',
          '/wxa/business/getuserphonenumber',
        ]);
      } finally {
        fake.off('/wxa/business/getuserphonenumber');
      }
    });

    it('an invalid phone code is a 400, and a dev: code is not accepted when WeChat is configured', async () => {
      const r = await t.post('/api/me/phone', { code: 'no-such-phone-code' }, { token });
      expect(r.status).toBe(400);
      isApiError(r.body, 'WECHAT_ERROR');
      const dev = await t.post('/api/me/phone', { code: 'dev:13800000003' }, { token });
      expect(dev.status).toBe(400);
      const u = await t.query('SELECT phone FROM users WHERE phone = ?', ['13800000003']);
      expect(u).toHaveLength(0);
    });
  });
});
