import { TestApp } from './helpers/test-app';
import { at, complaintsApi, desk, Desk } from './helpers/complaints';

/**
 * Issue #11 (polish) on the complaints desk: the written reply the resident asked for is required before resolving;
 * deadlines written one way (formatDue); the developer notice with one deadline and the supervisor's words; each kind
 * with its own topics; staff withdrawal of a suggestion needs a reason.
 */
const firstDetail = (details: unknown) => (Array.isArray(details) ? (details[0] as { field?: string; message?: string } | undefined) : undefined);

describe('complaints polish: written reply before resolving, one deadline format, the notice, topics per kind', () => {
  let t: TestApp;
  let api: ReturnType<typeof complaintsApi>;
  let d: Desk;

  beforeAll(async () => {
    t = await TestApp.start();
    api = complaintsApi(t);
    d = await desk(t);
  });
  afterAll(() => t.close());
  // Monday 2026-11-23 10:00 Asia/Shanghai: the written reply (3 working days) is due 11-26 24:00
  beforeEach(() => api.clockSet(at('2026-11-23 10:00')));

  it('class 1 with a written reply asked for: 办结 waits for a reply marked written; an ordinary reply is not enough', async () => {
    const filed = await api.file(d.zhangsan.accessToken, d.room101.id, { writtenReplyWanted: true });
    // the acknowledgement writes the deadline the one way: the end of the day as 24:00, not the next day's 00:00
    expect(filed.thread[0].body).toContain('书面答复将在 11月26日 24:00 前送达');
    expect(filed.thread[0].body).not.toContain('11月27日 00:00');
    const agent = d.agent1.accessToken;
    const c = await api.step(agent, filed.id, 'classify', { complaintClass: 1 });
    expect(c.missingSteps).toEqual(['written_reply']);
    expect(c.actions).not.toContain('resolve');
    const blocked = await api.attempt(agent, c.id, 'resolve', { measures: '已批评教育当事员工' });
    expect([blocked.status, blocked.body.code, blocked.body.message]).toEqual([409, 'CONFLICT', '办结前请先完成：书面答复住户']);
    expect(blocked.body.details).toEqual({ missing: ['written_reply'] });

    const replied = await api.step(agent, c.id, 'reply', { content: '您好，已核实情况，正在处理。' });
    expect(replied.missingSteps).toEqual(['written_reply']);
    expect((await api.attempt(agent, c.id, 'resolve', { measures: '已批评教育当事员工' })).status).toBe(409);

    const written = await api.step(agent, c.id, 'reply', { content: '书面答复：已对当事员工批评教育并调整岗位。', written: true });
    expect(written.missingSteps).toEqual([]);
    expect(written.actions).toContain('resolve');
    const resolved = await api.step(agent, c.id, 'resolve', { measures: '已批评教育当事员工' });
    expect(resolved.status).toBe('resolved');
    // nothing was resolved while it was missing
    const [{ n }] = await t.query("SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ? AND type = 'resolved'", [c.id]);
    expect(Number(n)).toBe(1);
  });

  it('without a written reply asked for, class 1 resolves as before; a follow-up asking for one adds it to the checklist', async () => {
    const agent = d.agent1.accessToken;
    const c = await api.step(agent, (await api.file(d.zhangsan.accessToken, d.room101.id)).id, 'classify', { complaintClass: 1 });
    expect(c.missingSteps).toEqual([]);
    expect(c.actions).toContain('resolve');
    const asked = await api.step(d.zhangsan.accessToken, c.id, 'follow_up', { content: '请给我书面答复', writtenReplyWanted: true });
    expect(asked.writtenReplyWanted).toBe(true);
    const seen = (await api.detail(agent, c.id)).body;
    expect(seen.missingSteps).toEqual(['written_reply']);
    expect(seen.actions).not.toContain('resolve');
    // the resident never sees the desk's checklist
    expect(asked.missingSteps).toEqual([]);
  });

  it('a suggestion with a written reply asked for: the answer alone does not resolve it', async () => {
    const s = await api.file(d.zhangsan.accessToken, d.room101.id, {
      kind: 'suggestion',
      category: 'service_improvement',
      text: '建议开通线上缴费开票',
      writtenReplyWanted: true,
    });
    const agent = d.agent1.accessToken;
    expect((await api.detail(agent, s.id)).body.missingSteps).toEqual(['reply', 'written_reply']);
    const answered = await api.step(agent, s.id, 'reply', { content: '感谢建议，已在评估。' });
    expect(answered.missingSteps).toEqual(['written_reply']);
    expect((await api.attempt(agent, s.id, 'resolve')).body.message).toBe('办结前请先完成：书面答复住户');
    await api.step(agent, s.id, 'reply', { content: '书面答复：下月起开通线上缴费开票。', written: true });
    expect((await api.step(agent, s.id, 'resolve')).statusLabel).toBe('已处理');
  });

  it('the developer notice: one deadline (the written reply owed, or the date chosen), the supervisor words, never the resident text', async () => {
    const raw = '楼上卫生间漏水到我家主卧，天花板掉皮，我叫张三电话13800000001';
    const filed = await api.file(d.zhangsan.accessToken, d.room101.id, { category: 'house_quality', text: raw, writtenReplyWanted: true });
    const c = await api.step(d.agent1.accessToken, filed.id, 'classify', { complaintClass: 2 });
    const sup = d.supervisor1.accessToken;
    await api.step(sup, c.id, 'record_developer_contact', { contactPerson: '开发商王工', content: '同意派人查看' });
    expect((await api.attempt(sup, c.id, 'issue_notice', { content: '主卧顶板渗漏', dueDate: '2026-11-22' })).body.details).toEqual([
      expect.objectContaining({ field: 'dueDate', message: '办结日期不能早于今天' }),
    ]);
    expect((await api.attempt(sup, c.id, 'issue_notice', { content: '主卧顶板渗漏', dueDate: '2026-02-30' })).status).toBe(400);

    const first = await api.step(sup, c.id, 'issue_notice', { content: '1栋1单元101 主卧顶板渗漏，请派员查看并维修防水层' });
    const r1 = first.records.find((r) => r.type === 'notice')!;
    expect(r1.payload.replyBy).toBe(at('2026-11-27 00:00'));
    const html1 = (await t.get(r1.printPath!, { token: sup })).body as string;
    expect(html1).toContain('二、问题情况及处理要求：1栋1单元101 主卧顶板渗漏，请派员查看并维修防水层');
    expect(html1).toContain('请贵司于2026年11月26日 24:00前书面回复');
    // one deadline in the letter: the only dates are receipt, the deadline and the signature
    const text1 = html1.replace(/<[^>]+>/g, '');
    expect(text1.match(/\d+月\d+日/g)).toEqual(['11月23日', '11月26日', '11月23日']);
    for (const s of ['楼上卫生间漏水', '天花板掉皮', '张三', '13800000001']) expect(html1).not.toContain(s);

    const second = await api.step(sup, c.id, 'issue_notice', { content: '再次通知：主卧顶板渗漏', dueDate: '2026-11-25' });
    const r2 = second.records.filter((r) => r.type === 'notice').at(-1)!;
    expect(r2.payload.replyBy).toBe(at('2026-11-26 00:00'));
    const html2 = (await t.get(r2.printPath!, { token: sup })).body as string;
    expect(html2).toContain('请贵司于2026年11月25日 24:00前书面回复');
    expect(html2).not.toContain('11月26日');
  });

  it('an anonymous complainant: the notice names the place in the staff words only', async () => {
    const filed = await api.file(d.zhangsan.accessToken, d.room101.id, {
      category: 'house_quality',
      text: '外墙空鼓（匿名）',
      anonymous: true,
    });
    const c = await api.step(d.agent1.accessToken, filed.id, 'classify', { complaintClass: 2 });
    const sup = d.supervisor1.accessToken;
    await api.step(sup, c.id, 'record_developer_contact', { contactPerson: '开发商王工', content: '同意派人查看' });
    const n = await api.step(sup, c.id, 'issue_notice', { content: '1栋外墙空鼓，请派员查看', dueDate: '2026-11-30' });
    const html = (await t.get(n.records.at(-1)!.printPath!, { token: sup })).body as string;
    expect(html).toContain('请贵司于2026年11月30日 24:00前书面回复');
    for (const s of ['1栋1单元101', '101', '张三', '13800000001', '（匿名）']) expect(html).not.toContain(s);
  });

  it('each kind takes only its own topics (zh-CN error naming both); inquiries and praise may go without; old topics still read', async () => {
    const tok = d.zhangsan.accessToken;
    const wrong = await api.create(tok, { kind: 'suggestion', category: 'fee_dispute', text: '建议物业费降价', roomId: d.room101.id });
    expect([wrong.status, wrong.body.code, wrong.body.message]).toEqual([400, 'VALIDATION_FAILED', '「收费争议」不是建议的类别，请重新选择']);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'category', rule: 'categoryOfKind' })]);
    const [{ n: before }] = await t.query("SELECT COUNT(*) AS n FROM tickets WHERE kind = 'suggestion'");
    for (const [kind, category] of [
      ['suggestion', 'neighbour_dispute'],
      ['suggestion', 'service_attitude'],
      ['complaint', 'staff_service'],
      ['praise', 'fee_dispute'],
      ['inquiry', 'house_quality'],
    ]) {
      const r = await api.create(tok, { kind, category, text: '内容', roomId: d.room101.id });
      expect([kind, category, r.status, firstDetail(r.body.details)?.field]).toEqual([kind, category, 400, 'category']);
    }
    const staffWrong = await api.intake(d.agent1.accessToken, {
      channel: 'hotline',
      kind: 'suggestion',
      category: 'neighbour_dispute',
      text: '电话建议',
      communityId: d.room101.communityId,
    });
    expect([staffWrong.status, staffWrong.body.message]).toEqual([400, '「邻里纠纷」不是建议的类别，请重新选择']);
    const [{ n: after }] = await t.query("SELECT COUNT(*) AS n FROM tickets WHERE kind = 'suggestion'");
    expect(Number(after)).toBe(Number(before));

    const ok = [
      await api.file(tok, d.room101.id, { kind: 'suggestion', category: 'service_improvement', text: '建议延长前台服务时间' }),
      await api.file(tok, d.room101.id, { kind: 'suggestion', category: 'parking', text: '建议增设访客车位' }),
      await api.file(tok, d.room101.id, { kind: 'inquiry', category: 'fees_billing', text: '物业费发票怎么开？' }),
      await api.file(tok, d.room101.id, { kind: 'inquiry', category: undefined, text: '快递柜在哪里？' }),
      await api.file(tok, d.room101.id, { kind: 'praise', category: 'staff_service', text: '表扬前台小王' }),
    ];
    expect(ok.map((c) => [c.kind, c.category])).toEqual([
      ['suggestion', 'service_improvement'],
      ['suggestion', 'parking'],
      ['inquiry', 'fees_billing'],
      ['inquiry', 'other'],
      ['praise', 'staff_service'],
    ]);
    expect((await api.create(tok, { kind: 'suggestion', text: '没有类别', roomId: d.room101.id })).body.message).toBe('请选择类别');

    // a suggestion stored before the topics were split still reads, in the detail and the lists
    await t.query("UPDATE tickets SET category = 'fee_dispute' WHERE id = ?", [ok[0].id]);
    const old = await api.detail(d.agent1.accessToken, ok[0].id);
    expect([old.status, old.body.category]).toEqual([200, 'fee_dispute']);
    const mine = await api.mine(tok);
    expect(mine.body.items.find((i) => i.id === ok[0].id)?.category).toBe('fee_dispute');
  });

  it('staff withdraw a resident suggestion only with a reason, which is recorded; a clash on the version is refused', async () => {
    const s = await api.file(d.zhangsan.accessToken, d.room101.id, { kind: 'suggestion', category: 'public_area', text: '建议 3 栋门口加装雨棚' });
    const agent = d.agent1.accessToken;
    expect((await api.detail(agent, s.id)).body.actions).toContain('cancel');
    const bare = await api.attempt(agent, s.id, 'cancel', {});
    expect([bare.status, firstDetail(bare.body.details)?.field, firstDetail(bare.body.details)?.message]).toEqual([400, 'reason', '请填写原因']);
    expect((await api.act(agent, s.id, 'cancel', { version: 99, reason: '重复提交' })).status).toBe(409);
    expect((await api.detail(agent, s.id)).body.status).toBe('received');
    const done = await api.step(agent, s.id, 'cancel', { reason: '与 JY 前一条重复' });
    expect([done.status, done.statusLabel, done.cancelReason]).toEqual(['cancelled', '已撤销', '与 JY 前一条重复']);
    expect(done.timeline.at(-1)!.text).toContain('与 JY 前一条重复');
  });
});
