import ExcelJS from 'exceljs';
import { LoginResponse, satisfactionTemplate, SurveyAnswerInput, SurveyView } from '@linli/shared';
import { TestApp } from './test-app';

/** Monday 2026-12-07 09:00 in Shanghai */
export const MONDAY_9 = '2026-12-07T01:00:00.000Z';
/** Sunday 2026-12-20 23:59 in Shanghai */
export const CLOSE = '2026-12-20T15:59:00.000Z';

export function surveysApi(t: TestApp) {
  const tok = (who: LoginResponse) => ({ token: who.accessToken });
  return {
    clock: (set: string) => t.post('/api/test/clock', { set }),
    job: () => t.post<{ published: number; closed: number; reminded: number }>('/api/test/jobs/surveys'),
    /** the yearly template as a survey body for a community */
    fromTemplate: (communityId: number, extra: Record<string, unknown> = {}) => ({ ...satisfactionTemplate(2026), communityId, closeAt: CLOSE, ...extra }),
    create: (who: LoginResponse, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.post<SurveyView & { code: string; message: string }>('/api/staff/engage/surveys', body, { ...tok(who), headers }),
    publish: async (who: LoginResponse, id: number) => {
      const v = (await t.get<SurveyView>(`/api/staff/engage/surveys/${id}`, tok(who))).body.version;
      return t.post<SurveyView & { code: string; message: string }>(`/api/staff/engage/surveys/${id}/publish`, { version: v }, tok(who));
    },
    close: async (who: LoginResponse, id: number) => {
      const v = (await t.get<SurveyView>(`/api/staff/engage/surveys/${id}`, tok(who))).body.version;
      return t.post(`/api/staff/engage/surveys/${id}/close`, { version: v }, tok(who));
    },
    mine: (who: LoginResponse) => t.get(`/api/resident/surveys`, tok(who)),
    open: (who: LoginResponse, id: number) => t.get(`/api/resident/surveys/${id}`, tok(who)),
    draft: (who: LoginResponse, id: number, answers: SurveyAnswerInput[]) => t.put(`/api/resident/surveys/${id}/draft`, { answers }, tok(who)),
    submit: (who: LoginResponse, id: number, answers: SurveyAnswerInput[], headers: Record<string, string> = {}) =>
      t.post(`/api/resident/surveys/${id}/submit`, { answers }, { ...tok(who), headers }),
    results: (who: LoginResponse, id: number) => t.get(`/api/staff/engage/surveys/${id}/results`, tok(who)),
  };
}

/** Full answers of the template survey: every scale question `score`, the text question `text` (if given). */
export function fullAnswers(v: { questions: { id: number; kind: string }[] }, score: number, text?: string): SurveyAnswerInput[] {
  return v.questions.flatMap((q): SurveyAnswerInput[] => (q.kind === 'scale' ? [{ questionId: q.id, score }] : text ? [{ questionId: q.id, text }] : []));
}

/** Binds a user to a room straight in the database (approved). */
export async function bind(t: TestApp, userId: number, roomId: number, relation: string, name: string) {
  const [r] = await t.query('SELECT company_id, community_id FROM rooms WHERE id = ?', [roomId]);
  await t.query(
    `INSERT INTO room_bindings (company_id, community_id, room_id, user_id, relation, status, name, verified_by, reject_reason, decided_by, decided_at, version, created_at)
     VALUES (?, ?, ?, ?, ?, 'approved', ?, 'staff', NULL, NULL, '2026-11-01 00:00:00.000', 1, '2026-11-01 00:00:00.000')`,
    [r.company_id, r.community_id, roomId, userId, relation, name],
  );
}

/** The results workbook of a survey, read back with exceljs: sheet name → rows (values only). */
export async function exportSheets(
  t: TestApp,
  id: number,
  who: LoginResponse,
): Promise<{ status: number; type: string | null; sheets: Record<string, unknown[][]> }> {
  const res = await fetch(`${t.url}/api/staff/engage/surveys/${id}/results/export`, { headers: { authorization: `Bearer ${who.accessToken}` } });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, type: res.headers.get('content-type'), sheets: {} };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const sheets: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    sheets[ws.name] = rows;
  });
  return { status: res.status, type: res.headers.get('content-type'), sheets };
}
