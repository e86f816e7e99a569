import { FakeWechat } from './fake-wechat';
import { notifyApi, SUBSCRIBE } from './notify';
import { TestApp } from './test-app';

export const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
const TEMPLATE = 'clock_escalation';

/** Counts the subscribe messages the fake WeChat accepted, per message key (the character_string1 field). */
export function countSends(fake: FakeWechat): Map<string, number> {
  const received = new Map<string, number>();
  fake.on(SUBSCRIBE, (call) => {
    const key = String(call.body.data.character_string1.value);
    received.set(key, (received.get(key) ?? 0) + 1);
    return { body: { errcode: 0, errmsg: 'ok' } };
  });
  return received;
}

/** supervisor1 can receive staff subscribe messages (openid linked, plenty of consents); returns the user id */
export async function wechatRecipient(t: TestApp): Promise<number> {
  const [u] = await t.query("SELECT id, company_id FROM users WHERE username = 'supervisor1'");
  await notifyApi(t).linkOpenid(Number(u.id), 'staff', 'o-supervisor1');
  await t.query('DELETE FROM subscribe_balances WHERE user_id = ? AND template = ?', [u.id, TEMPLATE]);
  await t.query('INSERT INTO subscribe_balances (user_id, template, balance, updated_at) VALUES (?, ?, ?, ?)', [u.id, TEMPLATE, 100000, sqlTime(new Date())]);
  return Number(u.id);
}

/** Queues WeChat messages keyed `<prefix>-<i>` straight into the outbox (as a committed change would). */
export async function queueMessages(
  t: TestApp,
  recipientId: number,
  prefix: string,
  n: number,
  row: { status?: 'pending' | 'sending'; attempts?: number; nextAttemptAt?: Date } = {},
) {
  const [u] = await t.query('SELECT company_id FROM users WHERE id = ?', [recipientId]);
  const due = sqlTime(row.nextAttemptAt ?? new Date(Date.now() - 60_000));
  const values = Array.from({ length: n }, (_, i) => {
    const key = `${prefix}-${i + 1}`;
    const payload = { title: key, body: key, link: null, app: 'staff', wx: { character_string1: key, thing2: '测试' } };
    return [
      key,
      u.company_id,
      recipientId,
      'wechat',
      TEMPLATE,
      JSON.stringify(payload),
      row.status ?? 'pending',
      row.attempts ?? 0,
      due,
      null,
      sqlTime(new Date()),
      null,
    ];
  });
  await t.query(
    'INSERT INTO outbox (dedupe_key, company_id, recipient_id, channel, template, payload, status, attempts, next_attempt_at, last_error, created_at, sent_at) VALUES ' +
      values.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', '),
    values.flat(),
  );
}

export async function outboxStatus(t: TestApp, prefix: string): Promise<Record<string, number>> {
  const rows = await t.query('SELECT status, COUNT(*) AS n FROM outbox WHERE dedupe_key LIKE ? GROUP BY status', [`${prefix}-%`]);
  return Object.fromEntries(rows.map((r: { status: string; n: number }) => [r.status, Number(r.n)]));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
