import { LoginResponse } from '@linli/shared';
import { PNG } from './repairs';
import { Res, TestApp } from './test-app';

/** Helpers of the parking and large-item specs: fee items, uploads (PDF allowed), the cashier, the clock. */
export function parkitemsApi(t: TestApp) {
  const api = {
    setClock: async (iso: string) => new Date((await t.post<{ now: string }>('/api/test/clock', { set: iso })).body.now),
    /** the community's parking price items (one-off fee items of the names PARKING_FEE_ITEM_NAMES) */
    parkingItems: async (admin: LoginResponse, communityId: number, prices: Record<string, number>) => {
      for (const [name, amountCents] of Object.entries(prices)) {
        const r = await t.post(
          '/api/fees/items',
          {
            communityId,
            name,
            kind: 'one_off',
            payer: 'occupant',
            amountCents,
            dueDay: 10,
            lateFeeRatePpm: 0,
            lateFeeGraceDays: 0,
            serviceContent: '小区地面停车位停放（非固定车位）',
            startsOn: '2026-01-01',
          },
          { token: admin.accessToken },
        );
        if (r.status !== 201) throw new Error(`fee item ${name}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    },
    upload: async (token: string, bytes: Buffer = PNG, name = 'insurance.png', type = 'image/png', query = '?accept=document'): Promise<Res<any>> => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      const res = await fetch(`${t.url}/api/uploads${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      return { status: res.status, body: await res.json(), headers: res.headers };
    },
    /** the cashier takes the exact open amount of these lines in cash */
    pay: async (cashier: LoginResponse, roomId: number, billLineIds: number[], cents: number, headers: Record<string, string> = {}) =>
      t.post(
        '/api/fees/payments',
        { roomId, method: 'cash', amountCents: cents, expectedTotalCents: cents, billLineIds },
        { token: cashier.accessToken, headers },
      ),
  };
  return api;
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** the request's SQL statements (TEST_HOOKS); SHOW_STATEMENTS=1 prints each with the route */
export const statements = (r: Res) => {
  const n = Number(r.headers.get('x-sql-statements') ?? NaN);
  if (process.env.SHOW_STATEMENTS) process.stdout.write(`statements ${n}\n${new Error().stack?.split('\n')[2]?.trim() ?? ''}\n`);
  return n;
};
