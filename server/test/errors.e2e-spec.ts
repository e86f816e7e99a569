import { JwtService } from '@nestjs/jwt';
import { TestApp } from './helpers/test-app';

const SECRET = 'test-secret-0123456789abcdef';

describe('error shape and bad input (never a 500)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ BODY_LIMIT_BYTES: '65536', JWT_SECRET: SECRET })));
  afterAll(() => t.close());

  const isApiError = (body: any, code: string) => {
    expect(body).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/); // zh-CN, readable by a resident
  };

  it('health checks the database', async () => {
    const r = await t.get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', db: t.db.kind === 'mysql' ? 'mysql' : 'better-sqlite3' });
  });

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const r = await t.req('POST', '/api/auth/staff-login', undefined, { raw: '{"username": "a",' });
    expect(r.status).toBe(400);
    isApiError(r.body, 'MALFORMED_JSON');
  });

  it('empty JSON body → 400', async () => {
    const r = await t.req('POST', '/api/auth/staff-login', undefined, { raw: '' });
    expect(r.status).toBe(400);
  });

  it('unknown fields → 400 VALIDATION_FAILED naming the field', async () => {
    const r = await t.post('/api/auth/staff-login', { username: 'admin', password: 'linli123', isAdmin: true });
    expect(r.status).toBe(400);
    isApiError(r.body, 'VALIDATION_FAILED');
    expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'isAdmin', rule: 'whitelistValidation' })]));
  });

  it('wrong types → 400 with zh-CN message', async () => {
    const r = await t.post('/api/auth/dev-login', { app: 'resident', code: 12345 });
    expect(r.status).toBe(400);
    isApiError(r.body, 'VALIDATION_FAILED');
    expect(r.body.details.some((d: any) => d.field === 'code')).toBe(true);
  });

  it('a JSON array or null body → 400, not 500', async () => {
    for (const raw of ['[1,2]', 'null', '"text"', '42']) {
      const r = await t.req('POST', '/api/auth/staff-login', undefined, { raw });
      expect(r.status).toBe(400);
      expect(r.body.code).toBeDefined();
    }
  });

  it('oversize body → 413 PAYLOAD_TOO_LARGE', async () => {
    const r = await t.post('/api/auth/staff-login', { username: 'a'.repeat(100_000), password: 'x' });
    expect(r.status).toBe(413);
    isApiError(r.body, 'PAYLOAD_TOO_LARGE');
  });

  it('unsupported content type → 415', async () => {
    const r = await t.req('POST', '/api/auth/staff-login', undefined, { raw: '<a/>', contentType: 'application/xml' });
    expect(r.status).toBe(415);
    isApiError(r.body, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown route → 404 ROUTE_NOT_FOUND', async () => {
    const r = await t.get('/api/does-not-exist');
    expect(r.status).toBe(404);
    isApiError(r.body, 'ROUTE_NOT_FOUND');
  });

  it('non-integer id → 400, not a lookup', async () => {
    const { accessToken } = await t.staff('admin');
    const r = await t.get('/api/org/communities/1abc/buildings', { token: accessToken });
    expect(r.status).toBe(400);
    isApiError(r.body, 'VALIDATION_FAILED');
  });

  it('no token, a forged token and an expired token → 401', async () => {
    expect((await t.get('/api/me')).body.code).toBe('UNAUTHENTICATED');
    const forged = new JwtService({ secret: 'another-secret-of-enough-length' }).sign({ sub: 1, kind: 'staff', cid: 1, roles: ['admin'] });
    const r1 = await t.get('/api/me', { token: forged });
    expect(r1.status).toBe(401);
    expect(r1.body.code).toBe('UNAUTHENTICATED');
    const expired = new JwtService({ secret: SECRET }).sign({ sub: 1, kind: 'staff', cid: 1, roles: ['admin'], exp: Math.floor(Date.now() / 1000) - 10 });
    const r2 = await t.get('/api/me', { token: expired });
    expect(r2.status).toBe(401);
    expect(r2.body.code).toBe('TOKEN_EXPIRED');
  });

  it('bad keyset cursor → 400', async () => {
    const { accessToken } = await t.staff('supervisor1');
    const r = await t.get('/api/staff/bindings?cursor=!!notacursor', { token: accessToken });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('BAD_REQUEST');
  });

  it('security headers are set and the OpenAPI document is served', async () => {
    const r = await t.get('/api/health');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const doc = await t.get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/auth/staff-login', '/api/bindings', '/api/staff/bindings']));
  });
});
