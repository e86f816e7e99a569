import { createHmac } from 'node:crypto';
import { PassCodeView, PassView, passCodePayload, passCodeStep, ScanResultView } from '@linli/shared';
import { Res, TestApp } from './test-app';

export const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));

/** Today in Shanghai on the server's (movable) clock. */
export async function serverToday(t: TestApp): Promise<{ now: Date; today: string }> {
  const r = await t.post<{ now: string }>('/api/test/clock', {});
  const now = new Date(r.body.now);
  return { now, today: new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10) };
}

/** A code signed with the test server's key (the default JWT_SECRET): for a pass id that does not exist. */
export function signWithTestKey(passId: number, at: Date, secret = 'linli-dev-secret-change-me'): string {
  const key = createHmac('sha256', secret).update('linli/pass-codes/v1').digest();
  const payload = passCodePayload(passId, passCodeStep(at));
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url').slice(0, 16)}`;
}

export function passesApi(t: TestApp) {
  return {
    visitor: (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.post<PassView>('/api/passes/visitor', body, { token, headers }),
    own: (token: string, roomId: number) => t.post<PassView>('/api/passes/resident', { roomId }, { token }),
    code: (token: string, id: number) => t.get<PassCodeView>(`/api/passes/${id}/code`, { token }),
    verify: (token: string, code: string, direction: 'in' | 'out' = 'in', gate = '东门') =>
      t.post<ScanResultView>('/api/passes/verify', { code, direction, gate }, { token }),
    revoke: (token: string, id: number, version: number, reason?: string) => t.post<PassView>(`/api/passes/${id}/revoke`, { version, reason }, { token }),
    advance: (ms: number) => t.post('/api/test/clock', { advanceMs: ms }),
  };
}
