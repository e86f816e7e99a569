import { LoginResponse, NoticeFeedView, NoticePageView } from '@linli/shared';
import { statementBudgets } from './helpers/budgets';
import { TestApp } from './helpers/test-app';

/** Statement budgets of surveys and of the paged notice lists (see helpers/budgets.ts). */
let t: TestApp;
const { budget, print } = statementBudgets(() => t);

describe('perf budgets: surveys and notices (issue #15)', () => {
  let zhangsan: LoginResponse, wangwu: LoginResponse, manager: LoginResponse;
  const log = { 'x-sql-log': '1' };
  const ids: number[] = [];
  const questions: { id: number; kind: string }[][] = [];
  const answers = (i: number) => questions[i].flatMap((q) => (q.kind === 'scale' ? [{ questionId: q.id, score: 5 }] : []));
  beforeAll(async () => {
    t = await TestApp.start();
    await t.post('/api/test/clock', { set: '2026-12-07T01:00:00.000Z' });
    manager = await t.staff('manager1');
    [zhangsan, wangwu] = [await t.resident('zhangsan'), await t.resident('wangwu')];
    const jxhy = (await t.room('锦绣花园', '1栋1单元101')).communityId;
    const tpl = (await t.get('/api/staff/engage/survey-template?year=2026', { token: manager.accessToken })).body;
    for (let i = 0; i < 3; i++) {
      const s = (await t.post('/api/staff/engage/surveys', { ...tpl, communityId: jxhy, closeAt: '2026-12-20T15:00:00.000Z' }, { token: manager.accessToken }))
        .body;
      await t.post(`/api/staff/engage/surveys/${s.id}/publish`, { version: s.version }, { token: manager.accessToken });
      ids.push(s.id);
      questions.push(s.questions);
    }
    // warm: one answered
    await t.post(`/api/resident/surveys/${ids[2]}/submit`, { answers: answers(2) }, { token: zhangsan.accessToken });
  });
  afterAll(async () => {
    print('surveys, notices');
    await t?.close();
  });

  budget('survey submit (a household’s first answer)', 8, () =>
    t.post(`/api/resident/surveys/${ids[0]}/submit`, { answers: answers(0) }, { token: zhangsan.accessToken, headers: log }),
  );
  budget('survey submit over a saved draft, with Idempotency-Key', 10, async () => {
    await t.put(`/api/resident/surveys/${ids[1]}/draft`, { answers: answers(1).slice(0, 2) }, { token: zhangsan.accessToken });
    return t.post(
      `/api/resident/surveys/${ids[1]}/submit`,
      { answers: answers(1) },
      { token: zhangsan.accessToken, headers: { ...log, 'Idempotency-Key': 'perf-survey-1' } },
    );
  });
  budget('resident survey list', 3, async () => {
    await t.get('/api/resident/surveys', { token: wangwu.accessToken });
    return t.get('/api/resident/surveys', { token: zhangsan.accessToken, headers: log });
  });
  budget('resident survey detail', 4, () => t.get(`/api/resident/surveys/${ids[2]}`, { token: zhangsan.accessToken, headers: log }));
  budget('staff survey list', 3, () => t.get('/api/staff/engage/surveys', { token: manager.accessToken, headers: log }));
  budget('staff survey detail', 4, () => t.get(`/api/staff/engage/surveys/${ids[0]}`, { token: manager.accessToken, headers: log }));

  describe('notices paged by cursor (more than a page)', () => {
    let feedCursor: string, staffCursor: string;
    beforeAll(async () => {
      const communityId = (await t.room('锦绣花园', '1栋1单元101')).communityId;
      for (let i = 0; i < 24; i++) {
        const n = (
          await t.post(
            '/api/notices',
            { communityId, kind: 'notice', title: `预算分页 ${i}`, body: '正文', targetKind: 'community', pinned: i % 8 === 0 },
            { token: manager.accessToken },
          )
        ).body as { id: number; version: number };
        await t.post(`/api/notices/${n.id}/publish`, { version: n.version }, { token: manager.accessToken });
      }
      feedCursor = (await t.get<NoticeFeedView>('/api/notices/feed', { token: zhangsan.accessToken })).body.nextCursor as string;
      staffCursor = (await t.get<NoticePageView>('/api/notices', { token: manager.accessToken })).body.nextCursor as string;
      if (!feedCursor || !staffCursor) throw new Error('expected a second page of notices');
    });
    budget('resident notice feed, first page of 20 (with the unread count)', 3, () =>
      t.get('/api/notices/feed?limit=20', { token: zhangsan.accessToken, headers: log }),
    );
    budget('resident notice feed, the page after a cursor (no unread count)', 1, () =>
      t.get(`/api/notices/feed?limit=20&cursor=${feedCursor}`, { token: zhangsan.accessToken, headers: log }),
    );
    budget('resident home strip (limit=3)', 3, () => t.get('/api/notices/feed?limit=3', { token: zhangsan.accessToken, headers: log }));
    budget('staff notices, the page after a cursor', 3, () =>
      t.get(`/api/notices?limit=20&cursor=${staffCursor}`, { token: manager.accessToken, headers: log }),
    );
  });
});
