import { ComplaintAction, RESIDENT_TEMPLATES, RepairAction, STAFF_ROLES, STAFF_TEMPLATES } from '@linli/shared';
import { FuzzCase, CaseContext, mutations, probes } from './helpers/fuzz/cases';
import { Field, Operation, operations } from './helpers/fuzz/openapi';
import { Prng } from './helpers/fuzz/prng';
import { Outcome, describe as describeOutcome, sendAll, verdict } from './helpers/fuzz/runner';
import { FakeWechat } from './helpers/fake-wechat';
import { TestApp } from './helpers/test-app';

/**
 * The fuzz suite: every route of the OpenAPI document, every path / query / body field, bad values of every
 * kind, as every role. Fails on any response ≥ 500 and on any 4xx without {code, message}.
 * Reproduce a run with FUZZ_SEED=<seed printed>; FUZZ_SAMPLE=0.3 sends a seeded third of the cases.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const SAMPLE = Number(process.env.FUZZ_SAMPLE ?? (process.env.TEST_DB === 'mysql' ? 0.6 : 0.8));
const CONCURRENCY = 8;

/**
 * TEMPORARY: 5xx being fixed right now on the `input` branch (issue 9, items 4–10). Remove this list once it
 * is merged; the suite prints every entry that no longer fires. Match: `METHOD /path` + mutated field.
 */
// routes × fields whose 5xx are known and being fixed elsewhere (empty: the fuzz fails on every 5xx)
const KNOWN_BEING_FIXED: { route: string; field: string; why: string }[] = [];

/** Fields the document does not declare (DTOs without @ApiProperty, multipart): fuzzed all the same. */
const str = (name: string, required = false): Field => ({ name, required, schema: { type: 'string' } });
const num = (name: string, required = false): Field => ({ name, required, schema: { type: 'number' } });
const oneOf = (name: string, values: readonly unknown[], required = false): Field => ({ name, required, schema: { type: 'string', enum: [...values] } });
const dutyQuery = [num('communityId', true), str('from'), str('to')];
const SUPPLEMENT: Record<string, Partial<Pick<Operation, 'query' | 'body' | 'multipart'>>> = {
  'GET /api/notifications': { query: [str('cursor'), num('limit'), oneOf('unread', ['true', 'false'])] },
  'POST /api/me/subscriptions': {
    body: [{ name: 'accepted', required: true, schema: { type: 'array', items: { type: 'string', enum: [...RESIDENT_TEMPLATES, ...STAFF_TEMPLATES] } } }],
  },
  'PUT /api/staff/communities/{id}/channels': { body: [str('wecomWebhookUrl'), num('level2Pct'), num('level3Pct')] },
  'GET /api/staff/duty/now': { query: dutyQuery },
  'GET /api/staff/duty/shifts': { query: dutyQuery },
  'GET /api/staff/duty/staff': { query: dutyQuery },
  'POST /api/staff/duty/shifts': {
    body: [num('communityId', true), num('userId', true), oneOf('role', STAFF_ROLES, true), str('startsAt', true), str('endsAt', true)],
  },
  'POST /api/staff/duty/sign-in': { body: [num('communityId', true), oneOf('role', STAFF_ROLES)] },
  'POST /api/staff/duty/sign-out': { body: [num('communityId', true), str('notes')] },
  'POST /api/uploads': { multipart: true },
  'POST /api/admin/communities/{id}/room-imports': { multipart: true },
};

const ROLES = ['anonymous', 'resident', 'resident-no-room', 'agent', 'technician', 'supervisor', 'manager', 'admin', 'guard', 'cashier'];

describe('fuzz: every route, every field, every role — never a 5xx, always {code, message}', () => {
  let t: TestApp;
  const fake = new FakeWechat();
  const tokens: Record<string, string | undefined> = { anonymous: undefined };
  const ids: Record<string, number> = {};
  const protectedUsers = new Set<number>();
  let sacrificialStaffId = 0;
  const protectedBindings = new Set<number>();

  beforeAll(async () => {
    await fake.start();
    for (let i = 1; i <= 9; i++) {
      fake.sessions.set(`fuzz${i}`, [`fuzz-openid-${i}`]);
      fake.phones.set(`fuzz${i}`, `1390000000${i}`);
    }
    t = await TestApp.start({
      API_DOCS: 'true',
      WECHAT_API_BASE: fake.url,
      WECHAT_RESIDENT_APPID: 'wx-fuzz-resident',
      WECHAT_RESIDENT_SECRET: 'fuzz-secret',
      WECHAT_STAFF_APPID: 'wx-fuzz-staff',
      WECHAT_STAFF_SECRET: 'fuzz-secret',
    });
    const staff = ['agent1', 'technician1', 'supervisor1', 'manager1', 'admin', 'guard1', 'cashier1'];
    const logins = await Promise.all([t.resident('zhangsan'), t.resident('fuzz-no-room'), ...staff.map((u) => t.staff(u))]);
    ROLES.slice(1).forEach((role, i) => {
      tokens[role] = logins[i].accessToken;
      protectedUsers.add(logins[i].me.id);
    });
    const room = await t.room('锦绣花园', '1栋1单元101');
    Object.assign(ids, { roomId: room.id, communityId: room.communityId });
    // tickets to act on: ids 1–4 exist
    for (const description of ['水管漏水 fuzz', '灯不亮 fuzz'])
      await t.post('/api/repairs', { category: 'water', description, roomId: room.id }, { token: tokens.resident });
    for (const text of ['楼道噪音 fuzz', '建议增加绿化 fuzz'])
      await t.post('/api/complaints', { kind: 'complaint', text, roomId: room.id }, { token: tokens.resident });
    const s = await t.post(
      '/api/admin/staff',
      { username: 'fuzz-victim', password: 'fuzz-pass-1234', name: '模糊', roles: ['agent'], communityIds: [room.communityId] },
      { token: tokens.admin },
    );
    sacrificialStaffId = Number(s.body.id);
    const bindings = await t.query(`SELECT id FROM room_bindings WHERE user_id IN (${[...protectedUsers].join(',')})`);
    for (const b of bindings) protectedBindings.add(Number(b.id));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await fake.stop();
  });

  /** Keep the run alive: never deactivate (or reset the password of) a fuzzing account nor unbind its room. */
  const protect = (c: FuzzCase) => {
    if (c.op.path.startsWith('/api/admin/staff/{id}') && protectedUsers.has(Number(c.path.id))) c.path.id = sacrificialStaffId;
    if (c.op.method === 'DELETE' && c.op.path === '/api/bindings/{id}' && protectedBindings.has(Number(c.path.id))) c.path.id = 999_999;
    return c;
  };

  it(
    'sends at least 5,000 bad requests (SQLite) and gets no 5xx',
    async () => {
      const docRes = await fetch(`${t.url}/api/docs-json`);
      expect(docRes.status).toBe(200);
      const ops = operations(await docRes.json(), SUPPLEMENT).filter((o) => !o.path.startsWith('/api/test/'));
      expect(ops.length).toBeGreaterThan(60);
      for (const key of Object.keys(SUPPLEMENT)) expect(ops.map((o) => `${o.method} ${o.path}`)).toContain(key);
      // a JSON body the document shows without fields would be fuzzed blind: declare it (@ApiProperty) or supplement it
      expect(ops.filter((o) => o.body?.length === 0).map((o) => `${o.method} ${o.path}`)).toEqual([]);

      const rng = new Prng(SEED);
      const ctx: CaseContext = {
        rng,
        roles: ROLES,
        ids,
        pathDefaults: (op, param) => {
          if (param === 'action') return rng.pick(Object.values(op.path.startsWith('/api/repairs') ? RepairAction : ComplaintAction));
          if (param === 'year') return 2026;
          if (param === 'id' && op.path.startsWith('/api/admin/staff/{id}')) return sacrificialStaffId;
          return undefined;
        },
      };
      const started = Date.now();
      const probeCases = ops.flatMap((op) => probes(op, ctx)).map(protect);
      const probeOut = await sendAll(t.url, tokens, probeCases, CONCURRENCY);
      const admitted = new Map<Operation, string[]>();
      for (const o of probeOut) if (o.status !== 401 && o.status !== 403) admitted.set(o.c.op, [...(admitted.get(o.c.op) ?? []), o.c.role]);
      const sampler = new Prng(SEED ^ 0x5eed);
      const cases = ops
        .flatMap((op) => mutations(op, ctx, admitted.get(op) ?? []))
        .filter(() => sampler.next() < SAMPLE)
        .map(protect);
      const out = [...probeOut, ...(await sendAll(t.url, tokens, cases, CONCURRENCY))];
      const seconds = (Date.now() - started) / 1000;

      const known = (o: Outcome) => KNOWN_BEING_FIXED.find((k) => k.route === `${o.c.op.method} ${o.c.op.path}` && k.field === o.c.field);
      const bad = out.map((o) => ({ o, why: verdict(o) })).filter((x) => x.why !== null) as { o: Outcome; why: string }[];
      const failing = bad.filter((x) => !known(x.o));
      const knownHits = bad.filter((x) => known(x.o));
      const over500 = out.filter((o) => o.status >= 500 || o.status === 0).length;
      const statuses = out.reduce<Record<number, number>>((m, o) => ((m[o.status] = (m[o.status] ?? 0) + 1), m), {});
      const stale = KNOWN_BEING_FIXED.filter((k) => !knownHits.some((x) => known(x.o) === k));
      // one group per route × field (or case) × verdict, with its count and first example
      const groups = new Map<string, { n: number; first: { o: Outcome; why: string } }>();
      for (const x of failing) {
        const key = `${x.why} ${x.o.c.op.method} ${x.o.c.op.path} ${x.o.c.field ?? x.o.c.label}`;
        const g = groups.get(key);
        if (g) g.n++;
        else groups.set(key, { n: 1, first: x });
      }
      const lines = [
        `fuzz: ${out.length} requests in ${seconds.toFixed(1)} s (seed ${SEED}, sample ${SAMPLE}, ${t.db.kind}); ` +
          `${over500} responses ≥ 500 (${knownHits.length} on the KNOWN_BEING_FIXED list); ${failing.length} failing in ${groups.size} groups`,
        `statuses: ${JSON.stringify(statuses)}`,
        ...(stale.length
          ? [`KNOWN_BEING_FIXED entries not hit in this run (remove them once fixed): ${stale.map((k) => `${k.route} ${k.field}`).join('; ')}`]
          : []),
        ...[...groups.values()].map((g) => `${g.n}× ${describeOutcome(g.first.o, g.first.why)}`),
      ];
      console.log(lines.join('\n'));
      if (failing.length) console.log(t.output.slice(-30).join(''));
      expect(failing.map((x) => `${x.o.c.op.method} ${x.o.c.op.path} as ${x.o.c.role}: ${x.o.c.label} → ${x.why}`)).toEqual([]);
      if (t.db.kind === 'sqlite' && !process.env.FUZZ_SAMPLE) expect(out.length).toBeGreaterThanOrEqual(5000);

      // the fuzzing accounts still work: the run did not end itself
      for (const role of ROLES.slice(1)) expect((await t.get('/api/me', { token: tokens[role] })).status).toBe(200);
      expect((await t.get('/api/bindings/mine', { token: tokens.resident })).body).toEqual(
        expect.arrayContaining([expect.objectContaining({ status: 'approved' })]),
      );
    },
    15 * 60_000,
  );
});
