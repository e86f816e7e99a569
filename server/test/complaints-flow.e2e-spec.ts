import { LoginResponse } from '@linli/shared';
import { TestApp } from './helpers/test-app';
import { at, clockOf, complaintsApi, desk, Desk, newStaff, PNG, types } from './helpers/complaints';

describe('complaints: handling to the end — class duties before resolving, confirm or reopen, rating, return visit; the other kinds', () => {
  let t: TestApp;
  let api: ReturnType<typeof complaintsApi>;
  let d: Desk;
  let agent3: LoginResponse;

  const classified = async (cls: number, category: string, extra: Record<string, unknown> = {}) => {
    const c = await api.file(d.zhangsan.accessToken, d.room101.id, { category, ...extra });
    return api.step(d.agent1.accessToken, c.id, 'classify', { complaintClass: cls });
  };
  const ownerOf = (id: number) => [d.supervisor1, d.manager1, d.agent1, agent3].find((u) => u.me.id === id)!;

  beforeAll(async () => {
    t = await TestApp.start();
    api = complaintsApi(t);
    d = await desk(t);
    agent3 = await newStaff(t, d.admin, 'agent3', '冯客服', ['agent'], [d.room101.communityId]);
    await api.clockSet(at('2026-11-23 10:00'));
  });
  afterAll(() => t.close());

  it('class 2: resolving waits for the contact with the developer; the written notice is generated from the ticket and printable', async () => {
    const c = await classified(2, 'house_quality', { writtenReplyWanted: true, text: '卫生间楼板渗水，楼下天花板发霉' });
    expect(c.ownerId).toBe(d.supervisor1.me.id);
    const sup = d.supervisor1.accessToken;
    // the resident asked for a written reply: it is on the checklist too
    expect(c.missingSteps).toEqual(['record_developer_contact', 'written_reply']);
    const owner = (await api.detail(sup, c.id)).body;
    expect(owner.actions).toEqual(expect.arrayContaining(['reply', 'record_developer_contact', 'issue_notice', 'set_resolution_due', 'reclassify']));
    expect(owner.actions).not.toContain('resolve');
    const blocked = await api.attempt(sup, c.id, 'resolve', { measures: '已维修' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.details).toEqual({ missing: ['record_developer_contact', 'written_reply'] });
    expect(blocked.body.message).toBe('办结前请先完成：记录联系开发商、书面答复住户');
    // class duties of other classes are refused
    expect((await api.attempt(sup, c.id, 'record_authority_report', { content: 'x' })).body.code).toBe('ILLEGAL_TRANSITION');

    // who, when, what was agreed
    expect((await api.attempt(sup, c.id, 'record_developer_contact', { contactPerson: '开发商客服部王工' })).body.details).toEqual([
      expect.objectContaining({ field: 'content' }),
    ]);
    expect((await api.attempt(sup, c.id, 'record_developer_contact', { content: 'x', contactedAt: at('2026-11-23 12:00') })).status).toBe(400);
    const contacted = await api.step(sup, c.id, 'record_developer_contact', {
      contactPerson: '开发商客服部王工',
      contactedAt: at('2026-11-23 09:50'),
      content: '开发商同意本周五派人上门查看防水层，两周内维修完毕',
    });
    expect(contacted.records).toEqual([
      expect.objectContaining({
        type: 'developer_contact',
        createdByName: '李主管',
        printPath: null,
        payload: { contactPerson: '开发商客服部王工', contactedAt: at('2026-11-23 09:50'), agreed: '开发商同意本周五派人上门查看防水层，两周内维修完毕' },
      }),
    ]);
    expect(contacted.missingSteps).toEqual(['written_reply']);
    expect(contacted.timeline.at(-1)!.text).toBe('已联系开发商');

    const noticed = await api.step(sup, c.id, 'issue_notice', {
      content: '请于两周内完成卫生间防水层维修，并赔偿楼下住户天花板修复费用。',
      addressee: '锦绣置业有限公司',
    });
    const notice = noticed.records.find((r) => r.type === 'notice')!;
    expect(notice.printPath).toBe(`/api/complaints/${c.id}/notice/${notice.id}`);
    expect(notice.payload).toEqual(expect.objectContaining({ addressee: '锦绣置业有限公司', title: '关于锦绣花园房屋质量问题的书面通知' }));
    expect(notice.payload.html).toBeUndefined();
    expect(noticed.timeline.at(-1)!.text).toBe('已向开发商发出书面通知');
    const page = await t.get(notice.printPath!, { token: sup });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const html = page.body as string;
    for (const s of [
      '<!doctype html>',
      '关于锦绣花园房屋质量问题的书面通知',
      '锦绣置业有限公司：',
      c.no,
      '1栋1单元101',
      '请于两周内完成',
      '邻里物业服务有限公司',
      '经办人：李主管',
      '2026年11月23日',
      // one deadline: the written reply owed to the resident, as every page writes it
      '请贵司于2026年11月26日 24:00前书面回复',
    ]) {
      expect(html).toContain(s);
    }
    // the supervisor's words, not the resident's
    expect(html).not.toContain('卫生间楼板渗水');
    expect(html).not.toContain('张三');
    expect(html).not.toContain('13800000001');
    // printable by the desk of the community only
    expect((await t.get(notice.printPath!, { token: d.agent1.accessToken })).status).toBe(200);
    expect((await t.get(notice.printPath!, { token: d.zhangsan.accessToken })).status).toBe(403);
    const far = await t.get(notice.printPath!, { token: d.agent2.accessToken });
    expect([far.status, far.body]).toEqual([404, expect.anything()]);
    expect((await t.get(`/api/complaints/${c.id}/notice/${contacted.records[0].id}`, { token: sup })).status).toBe(404);

    // the resident sees the thread and the timeline lines, not the records
    const theirs = (await api.detail(d.zhangsan.accessToken, c.id)).body;
    expect(theirs.records).toEqual([]);
    expect(theirs.missingSteps).toEqual([]);
    expect(theirs.timeline.map((e) => e.text)).toEqual(expect.arrayContaining(['已联系开发商', '已向开发商发出书面通知']));

    // the written reply, with a photo of the notice
    const photo = await api.photo(d.supervisor1.accessToken, PNG);
    const replied = await api.step(sup, c.id, 'reply', {
      content: '已书面通知开发商，周五上门查看，维修期间有任何问题请随时联系我。',
      written: true,
      photoIds: [photo.id],
    });
    expect(clockOf(replied, 'written_reply')).toEqual(expect.objectContaining({ state: 'met', breached: false }));
    expect(replied.thread.at(-1)).toEqual(expect.objectContaining({ authorName: '李主管', authorRole: 'supervisor', written: true }));
    expect(replied.thread.at(-1)!.attachments.map((a) => a.id)).toEqual([photo.id]);
    expect(replied.photos).toEqual([]);

    expect((await api.attempt(sup, c.id, 'resolve', {})).body.details).toEqual([expect.objectContaining({ field: 'measures' })]);
    const resolved = await api.step(sup, c.id, 'resolve', { measures: '开发商已重做卫生间防水层，闭水试验 48 小时无渗漏；楼下天花板已修复。' });
    expect(resolved).toEqual(
      expect.objectContaining({ status: 'resolved', statusLabel: '待确认', measures: '开发商已重做卫生间防水层，闭水试验 48 小时无渗漏；楼下天花板已修复。' }),
    );
    expect(resolved.resolvedAt).not.toBeNull();

    // the resident confirms and rates (once); an agent records the return visit
    const res = d.zhangsan.accessToken;
    expect((await api.detail(res, c.id)).body.actions.sort()).toEqual(['confirm', 'follow_up', 'reopen']);
    const confirmed = await api.step(res, c.id, 'confirm');
    expect(confirmed).toEqual(expect.objectContaining({ status: 'confirmed', statusLabel: '待回访' }));
    expect(confirmed.timeline.at(-1)!.text).toBe('住户确认已解决');
    expect((await api.attempt(res, c.id, 'rate', { rating: 6 })).status).toBe(400);
    const rated = await api.step(res, c.id, 'rate', { rating: 5, comment: '主管跟进很及时' });
    expect(rated).toEqual(expect.objectContaining({ rating: 5, ratingComment: '主管跟进很及时' }));
    expect((await api.attempt(res, c.id, 'rate', { rating: 4 })).body.code).toBe('ALREADY_RATED');
    expect((await api.attempt(res, c.id, 'return_visit', { satisfied: true })).status).toBe(403);
    expect((await api.attempt(d.agent1.accessToken, c.id, 'return_visit', {})).body.details).toEqual([expect.objectContaining({ field: 'satisfied' })]);
    const closed = await api.step(d.agent1.accessToken, c.id, 'return_visit', { satisfied: true, notes: '电话回访，业主满意' });
    expect(closed).toEqual(
      expect.objectContaining({
        status: 'closed',
        statusLabel: '已完结',
        returnVisit: expect.objectContaining({ satisfied: true, notes: '电话回访，业主满意' }),
      }),
    );
    expect(closed.actions).toEqual([]);
    expect(types(closed)).toEqual([
      'created',
      'classified',
      'developer_contacted',
      'notice_issued',
      'replied',
      'resolved',
      'confirmed',
      'rated',
      'return_visit',
    ]);
  });

  it('class 2 on supporting facilities also needs the written notice', async () => {
    const c = await classified(2, 'supporting_facilities');
    const sup = ownerOf(c.ownerId!).accessToken;
    expect(c.missingSteps).toEqual(['record_developer_contact', 'issue_notice']);
    await api.step(sup, c.id, 'record_developer_contact', { content: '开发商答应更换地库排水泵' });
    const r = await api.attempt(sup, c.id, 'resolve', { measures: '已更换' });
    expect(r.status).toBe(409);
    expect(r.body.details).toEqual({ missing: ['issue_notice'] });
    await api.step(sup, c.id, 'issue_notice', { content: '请更换地库 2 号排水泵' });
    expect((await api.step(sup, c.id, 'resolve', { measures: '开发商已更换地库排水泵' })).status).toBe('resolved');
  });

  it('class 3: the manager appoints a coordinator, who reports to the authority in writing and resolves', async () => {
    const c = await classified(3, 'municipal_facilities', { text: '小区门口路灯坏了一个月' });
    const mgr = ownerOf(c.ownerId!);
    expect(mgr.me.id).toBe(d.manager1.me.id);
    expect(c.missingSteps).toEqual(['appoint_coordinator', 'record_authority_report']);
    expect((await api.attempt(d.supervisor1.accessToken, c.id, 'appoint_coordinator', { assigneeId: agent3.me.id })).status).toBe(403);
    expect((await api.attempt(mgr.accessToken, c.id, 'appoint_coordinator', {})).body.details).toEqual([expect.objectContaining({ field: 'assigneeId' })]);
    expect((await api.attempt(mgr.accessToken, c.id, 'appoint_coordinator', { assigneeId: d.tech1.me.id })).status).toBe(404);
    const appointed = await api.step(mgr.accessToken, c.id, 'appoint_coordinator', { assigneeId: agent3.me.id, content: '负责对接市政路灯所' });
    expect(appointed).toEqual(expect.objectContaining({ coordinatorId: agent3.me.id, coordinatorName: '冯客服', ownerId: mgr.me.id }));
    expect(appointed.timeline.at(-1)!.text).toBe('指定 冯客服 为协调人');
    // the coordinator now acts as owner
    const theirs = (await api.detail(agent3.accessToken, c.id)).body;
    expect(theirs.actions).toEqual(expect.arrayContaining(['reply', 'record_authority_report']));
    expect((await api.attempt(agent3.accessToken, c.id, 'resolve', { measures: 'x' })).body.details).toEqual({ missing: ['record_authority_report'] });
    const reported = await api.step(agent3.accessToken, c.id, 'record_authority_report', {
      authority: '区城市管理局路灯所',
      content: '已书面报告路灯损坏位置及影响，路灯所承诺三日内修复',
    });
    expect(reported.records.map((r) => r.type)).toEqual(['coordinator', 'authority_report']);
    expect(reported.timeline.at(-1)!.text).toBe('已书面报告 区城市管理局路灯所');
    expect((await api.list(agent3.accessToken, 'mine=true')).body.items.map((i) => i.id)).toContain(c.id);
    await api.step(agent3.accessToken, c.id, 'reply', { content: '已报路灯所，三日内修复' });
    expect((await api.step(agent3.accessToken, c.id, 'resolve', { measures: '路灯所已更换灯具' })).status).toBe('resolved');
  });

  it('the resident reopens with a reason; an unsatisfied return visit reopens too; rating after closing', async () => {
    const c = await classified(1, 'repair_quality');
    const agent = d.agent1.accessToken;
    const res = d.zhangsan.accessToken;
    await api.step(agent, c.id, 'set_resolution_due', { dueDate: '2026-11-25' });
    await api.step(agent, c.id, 'resolve', { measures: '已安排返修' });
    expect((await api.attempt(res, c.id, 'reopen', {})).body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await api.attempt(agent, c.id, 'reopen', { reason: 'x' })).status).toBe(403);
    const reopened = await api.step(res, c.id, 'reopen', { reason: '返修后还是漏水' });
    expect(reopened).toEqual(expect.objectContaining({ status: 'reopened', statusLabel: '已重开', resolutionDueDate: null, resolvedAt: null }));
    expect(reopened.timeline.at(-1)!.text).toBe('住户反馈未解决，重新处理：返修后还是漏水');
    expect((await api.detail(agent, c.id)).body.actions).toEqual(expect.arrayContaining(['reply', 'resolve', 'set_resolution_due']));
    await api.step(agent, c.id, 'resolve', { measures: '更换整段水管' });
    await api.step(res, c.id, 'confirm');
    const unhappy = await api.step(agent, c.id, 'return_visit', { satisfied: false, notes: '业主反映维修人员态度不好' });
    expect(unhappy.status).toBe('reopened');
    await api.step(agent, c.id, 'resolve', { measures: '约谈维修人员并当面致歉' });
    await api.step(res, c.id, 'confirm');
    const closed = await api.step(agent, c.id, 'return_visit', { satisfied: true });
    expect(closed.status).toBe('closed');
    expect((await api.detail(res, c.id)).body.actions).toEqual(['rate']);
    const rated = await api.step(res, c.id, 'rate', { rating: 3 });
    expect(rated.rating).toBe(3);
    expect(rated.timeline.at(-1)!.text).toBe('住户评价 3 星');
    expect(types(rated).filter((x) => x === 'resolved')).toHaveLength(3);
  });

  it('suggestions, inquiries and praise: answered, then resolved (已处理) and closed — no classes, confirmation or rating', async () => {
    const s = await api.file(d.zhangsan.accessToken, d.room101.id, { kind: 'suggestion', category: 'public_area', text: '建议在 3 栋门口加装雨棚' });
    const agent = d.agent1.accessToken;
    // resolving waits for an answer, so the button is not offered yet
    expect((await api.detail(agent, s.id)).body.actions.sort()).toEqual(['cancel', 'reply']);
    const early = await api.attempt(agent, s.id, 'resolve', {});
    expect(early.status).toBe(409);
    expect(early.body.details).toEqual({ missing: ['reply'] });
    expect((await api.attempt(agent, s.id, 'classify', { complaintClass: 1 })).body.code).toBe('ILLEGAL_TRANSITION');
    await api.step(agent, s.id, 'reply', { content: '感谢建议，已列入下月维修计划' });
    const done = await api.step(agent, s.id, 'resolve', {});
    expect(done).toEqual(expect.objectContaining({ status: 'resolved', statusLabel: '已处理', complaintClass: null }));
    expect((await api.detail(d.zhangsan.accessToken, s.id)).body.actions.sort()).toEqual(['close', 'follow_up']);
    const closed = await api.step(d.zhangsan.accessToken, s.id, 'close');
    expect(closed.status).toBe('closed');
    expect(closed.timeline.at(-1)!.text).toBe('已关闭');
    expect((await api.attempt(d.zhangsan.accessToken, s.id, 'rate', { rating: 5 })).body.code).toBe('ILLEGAL_TRANSITION');

    const praise = await api.file(d.zhangsan.accessToken, d.room101.id, { kind: 'praise', category: undefined, text: '表扬保安小王' });
    await api.step(agent, praise.id, 'reply', { content: '谢谢您的表扬，已转达' });
    await api.step(agent, praise.id, 'resolve', {});
    expect((await api.step(agent, praise.id, 'close')).status).toBe('closed');

    const inquiry = await api.file(d.zhangsan.accessToken, d.room101.id, { kind: 'inquiry', category: undefined, text: '装修需要办什么手续？' });
    const withdrawn = await api.step(d.zhangsan.accessToken, inquiry.id, 'cancel', { reason: '已经问到了' });
    expect(withdrawn.status).toBe('cancelled');
    expect(withdrawn.clocks.every((k) => k.state !== 'running')).toBe(true);
  });

  it('withdrawing: the resident may until resolved; staff cancel only as supervisor or manager, with a reason', async () => {
    const a = await api.file(d.zhangsan.accessToken, d.room101.id);
    const w = await api.step(d.zhangsan.accessToken, a.id, 'cancel', { reason: '误会已经解除' });
    expect(w).toEqual(expect.objectContaining({ status: 'cancelled', statusLabel: '已撤销', cancelReason: '误会已经解除' }));
    expect(w.timeline.at(-1)!.text).toBe('住户撤回：误会已经解除');
    expect(clockOf(w, 'first_reply')!.state).toBe('cancelled');
    expect(w.nextClock).toBeNull();
    const b = await classified(1, 'service_attitude');
    expect((await api.attempt(d.agent1.accessToken, b.id, 'cancel', { reason: '重复' })).status).toBe(403);
    expect((await api.attempt(d.supervisor1.accessToken, b.id, 'cancel', {})).body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const c = await api.step(d.supervisor1.accessToken, b.id, 'cancel', { reason: '与 TS 工单重复' });
    expect(c.timeline.at(-1)!.text).toBe('已撤销：与 TS 工单重复');
    expect((await api.attempt(d.zhangsan.accessToken, b.id, 'follow_up', { content: 'x' })).body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('the resident stays silent: after 3 days the system confirms a resolved complaint and closes a resolved suggestion', async () => {
    await api.clockSet(at('2026-11-23 10:00'));
    const c = await classified(1, 'service_attitude');
    await api.step(d.agent1.accessToken, c.id, 'resolve', { measures: '已约谈当事员工' });
    // asked for only after it was resolved: a written reply is owed that resolving could not wait for
    await api.step(d.zhangsan.accessToken, c.id, 'follow_up', { content: '请给我书面答复', writtenReplyWanted: true });
    const s = await api.file(d.zhangsan.accessToken, d.room101.id, { kind: 'suggestion', category: 'public_area', text: '建议增加座椅' });
    await api.step(d.agent1.accessToken, s.id, 'reply', { content: '谢谢建议' });
    await api.step(d.agent1.accessToken, s.id, 'resolve', {});
    const run = async () => (await t.post('/api/test/jobs/complaints-auto-finish')).body;
    await api.clockSet(at('2026-11-26 09:59'));
    expect(await run()).toEqual({ confirmed: 0, closed: 0 });
    await api.clockSet(at('2026-11-26 10:01'));
    const done = await run();
    expect(done.confirmed).toBeGreaterThanOrEqual(1);
    expect(done.closed).toBeGreaterThanOrEqual(1);
    const confirmed = (await api.detail(d.agent1.accessToken, c.id)).body;
    expect(confirmed).toEqual(expect.objectContaining({ status: 'confirmed' }));
    expect(confirmed.timeline.at(-1)).toEqual(expect.objectContaining({ text: '超时未确认，系统自动确认已解决', actorRole: 'system', actorName: null }));
    const closedS = (await api.detail(d.zhangsan.accessToken, s.id)).body;
    expect(closedS.status).toBe('closed');
    expect(closedS.timeline.at(-1)!.text).toBe('系统自动关闭');
    expect(await run()).toEqual({ confirmed: 0, closed: 0 });
    // closing ends whatever was still owed: the written reply never sent stops counting
    expect(clockOf(confirmed, 'written_reply')!.state).toBe('running');
    const closed = await api.step(d.agent1.accessToken, c.id, 'return_visit', { satisfied: true });
    expect(clockOf(closed, 'written_reply')!.state).toBe('cancelled');
    expect(closed.nextClock).toBeNull();
  });

  it('races and nonsense: a stale version is 409, an unknown action 400, an action of the other kinds 409', async () => {
    const c = await classified(1, 'service_attitude');
    const stale = await api.act(d.agent1.accessToken, c.id, 'reply', { version: c.version - 1, content: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual(expect.objectContaining({ code: 'VERSION_CONFLICT', details: { currentVersion: c.version } }));
    expect((await api.attempt(d.agent1.accessToken, c.id, 'escalate', {})).status).toBe(400);
    expect((await api.attempt(d.agent1.accessToken, c.id, 'close', {})).body.code).toBe('ILLEGAL_TRANSITION');
    expect((await api.act(d.agent1.accessToken, c.id, 'reply', { content: 'x' })).status).toBe(400);
    expect((await api.attempt(d.agent1.accessToken, c.id, 'reply', { content: 'x', unknown: 1 })).status).toBe(400);
    // two replies on the same version: one wins
    const v = await api.version(c.id);
    const [r1, r2] = await Promise.all([
      api.act(d.agent1.accessToken, c.id, 'reply', { version: v, content: '第一条' }),
      api.act(d.agent1.accessToken, c.id, 'reply', { version: v, content: '第二条' }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    expect((await api.detail(d.agent1.accessToken, c.id)).body.thread.filter((m) => m.authorRole === 'agent')).toHaveLength(1);
  });
});
