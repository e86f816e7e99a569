import { LoginResponse } from '@linli/shared';
import { TestApp } from './helpers/test-app';
import { at, complaintsApi, desk, Desk } from './helpers/complaints';

describe('complaints: reporting duties — the monthly public disclosure draft and the quarterly class-2 summary', () => {
  let t: TestApp;
  let api: ReturnType<typeof complaintsApi>;
  let d: Desk;
  let jxhy: number, chy: number;

  const classify = (token: string, id: number, cls: number) => api.step(token, id, 'classify', { complaintClass: cls });

  beforeAll(async () => {
    // paper back-fills from September and October (a longer BACKFILL_MAX_DAYS than the default 30)
    t = await TestApp.start({ BACKFILL_MAX_DAYS: '90' });
    api = complaintsApi(t);
    d = await desk(t);
    jxhy = d.room101.communityId;
    chy = d.chyRoom.communityId;
    await api.clockSet(at('2026-11-23 10:00'));
  });
  afterAll(() => t.close());

  describe('monthly disclosure (公示) of complaints and suggestions on common matters', () => {
    let cleaning: number, handrail: number;

    beforeAll(async () => {
      const z = d.zhangsan.accessToken;
      // on a common matter, with names, rooms and a phone number written into the text by the resident and the staff
      const c = await api.file(z, d.room101.id, {
        category: 'cleaning_greening',
        text: '我是1栋1单元101的张三，楼道垃圾三天没清运，邻居李建国家门口堆满了，电话13800000001',
      });
      cleaning = c.id;
      await classify(d.agent1.accessToken, c.id, 1);
      await api.step(d.agent1.accessToken, c.id, 'resolve', { measures: '已通知保洁班长清运，1栋1单元102门口垃圾已清理，并向张三当面致歉' });
      const s = await api.file(d.lisi.accessToken, d.room202.id, {
        kind: 'suggestion',
        category: 'public_area',
        text: '建议在2栋2单元202门口的台阶加装扶手，李四',
      });
      handrail = s.id;
      // not for the disclosure: a private matter, the developer's house quality, an inquiry, a withdrawn one, another community
      await api.file(z, d.room101.id, { category: 'service_attitude', text: '客服态度差（不公示）' });
      await api.file(z, d.room101.id, { category: 'house_quality', text: '墙面空鼓（不公示）' });
      await api.file(z, d.room101.id, { kind: 'inquiry', category: 'parking', text: '停车怎么收费（不公示）' });
      const w = await api.file(z, d.room101.id, { category: 'parking', text: '乱停车（已撤回，不公示）' });
      await api.step(z, w.id, 'cancel', { reason: '车已挪走' });
      await api.file(d.chenliu.accessToken, d.chyRoom.id, { category: 'parking', text: '翠湖苑乱停车（别的小区）' });
      // October, back-filled from paper
      await api.take(d.agent1.accessToken, {
        communityId: jxhy,
        channel: 'front_desk',
        category: 'noise',
        text: '十月份：夜间施工噪音',
        receivedAt: at('2026-10-15 09:00'),
      });
    });

    it('lists each complaint and suggestion with how it was handled, and never a resident’s name, room or phone', async () => {
      const r = await api.disclosure(d.manager1.accessToken, jxhy, '2026-11');
      expect(r.status).toBe(200);
      const doc = r.body;
      expect(doc).toEqual(
        expect.objectContaining({ communityId: jxhy, period: '2026-11', status: 'draft', edited: false, title: '锦绣花园2026年11月投诉与建议处理情况公示' }),
      );
      expect(doc.entries.map((e) => e.no)).toEqual([
        (await api.detail(d.manager1.accessToken, cleaning)).body.no,
        (await api.detail(d.manager1.accessToken, handrail)).body.no,
      ]);
      expect(doc.entries[0]).toEqual(
        expect.objectContaining({ kindLabel: '投诉', categoryLabel: '保洁绿化', statusLabel: '待确认', receivedDate: '2026-11-23' }),
      );
      expect(doc.entries[0].handling).toContain('已通知保洁班长清运');
      expect(doc.entries[1]).toEqual(expect.objectContaining({ kindLabel: '建议', categoryLabel: '公共区域', handling: '正在处理' }));
      expect(doc.body).toContain('共受理涉及公共区域、公共利益及邻里关系的投诉 1 件、建议 1 件');
      expect(doc.body).toContain('【投诉·保洁绿化】11月23日受理');
      expect(doc.body).toContain('楼道垃圾三天没清运');
      for (const text of [doc.body, JSON.stringify(doc.entries)]) {
        for (const s of ['张三', '李四', '李建国', '13800000001', '1栋1单元101', '1栋1单元102', '2栋2单元202', '单元101', '单元202'])
          expect(text).not.toContain(s);
        for (const s of ['不公示', '别的小区', '十月份']) expect(text).not.toContain(s);
      }
      const rows = await t.query("SELECT type, period, status, title FROM documents WHERE community_id = ? AND type = 'disclosure_draft'", [jxhy]);
      expect(rows).toEqual([expect.objectContaining({ period: '2026-11', status: 'draft', title: doc.title })]);
      // October has the back-filled paper complaint, by the month it was received
      const oct = (await api.disclosure(d.supervisor1.accessToken, jxhy, '2026-10')).body;
      expect(oct.entries.map((e) => e.categoryLabel)).toEqual(['噪音扰民']);
      // a month with nothing says so
      expect((await api.disclosure(d.manager1.accessToken, jxhy, '2026-09')).body.body).toContain('未受理涉及公共区域、公共利益及邻里关系的投诉与建议');
    });

    it('a manager edits the draft; the edit stands until regenerated on purpose; published drafts are final', async () => {
      const first = (await api.disclosure(d.manager1.accessToken, jxhy, '2026-11')).body;
      expect((await api.editDisclosure(d.supervisor1.accessToken, jxhy, '2026-11', { body: 'x' })).status).toBe(403);
      expect((await api.editDisclosure(d.manager1.accessToken, jxhy, '2026-11', { body: '' })).status).toBe(400);
      const edited = await api.editDisclosure(d.manager1.accessToken, jxhy, '2026-11', {
        title: '十一月公示',
        body: `${first.body}\n（经理补充：扶手已列入十二月计划）`,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toEqual(expect.objectContaining({ id: first.id, title: '十一月公示', edited: true, editedByName: '王经理' }));
      // new data does not overwrite the edit…
      await api.file(d.zhangsan.accessToken, d.room101.id, { kind: 'suggestion', category: 'parking', text: '建议地库增加充电桩' });
      const kept = (await api.disclosure(d.manager1.accessToken, jxhy, '2026-11')).body;
      expect(kept.body).toContain('经理补充');
      expect(kept.entries).toHaveLength(3);
      // …unless asked for
      const fresh = (await api.disclosure(d.manager1.accessToken, jxhy, '2026-11', '&regenerate=true')).body;
      expect(fresh).toEqual(expect.objectContaining({ id: first.id, edited: false, title: '锦绣花园2026年11月投诉与建议处理情况公示' }));
      expect(fresh.body).not.toContain('经理补充');
      expect(fresh.body).toContain('建议地库增加充电桩');
      expect((await t.query('SELECT COUNT(*) AS n FROM documents WHERE community_id = ?', [jxhy]))[0].n).toBe(3);
      // once the notices feature has published it, it stays as published
      await t.query("UPDATE documents SET status = 'published' WHERE id = ?", [first.id]);
      expect((await api.editDisclosure(d.manager1.accessToken, jxhy, '2026-11', { body: 'late' })).status).toBe(409);
      expect((await api.disclosure(d.manager1.accessToken, jxhy, '2026-11', '&regenerate=true')).body).toEqual(
        expect.objectContaining({ status: 'published', body: fresh.body }),
      );
    });

    it('who may: supervisors, managers and admins of the community; bad months are 400', async () => {
      expect((await api.disclosure(d.agent1.accessToken, jxhy, '2026-11')).status).toBe(403);
      expect((await api.disclosure(d.zhangsan.accessToken, jxhy, '2026-11')).status).toBe(403);
      expect((await api.disclosure(d.supervisor2.accessToken, jxhy, '2026-11')).status).toBe(404);
      expect((await api.disclosure(d.admin.accessToken, chy, '2026-11')).status).toBe(200);
      expect((await api.disclosure(d.manager1.accessToken, jxhy, '2026-13')).status).toBe(400);
      expect((await api.disclosure(d.manager1.accessToken, jxhy, '202611')).status).toBe(400);
    });
  });

  describe('quarterly class-2 summary for communities within a year of handover', () => {
    let sup: LoginResponse;
    let quality: number, facilities: number, anon: number, carried: number;

    beforeAll(async () => {
      sup = d.supervisor1;
      const z = d.zhangsan.accessToken;
      await api.clockSet(at('2026-11-23 10:00'));
      quality = (await api.file(z, d.room101.id, { category: 'house_quality', text: '外墙渗水' })).id;
      await classify(d.agent1.accessToken, quality, 2);
      await api.clockSet(at('2026-11-23 14:00'));
      await api.step(sup.accessToken, quality, 'record_developer_contact', { contactPerson: '王工', content: '周五上门' });
      facilities = (await api.file(d.lisi.accessToken, d.room202.id, { category: 'supporting_facilities', text: '地库排水泵坏了' })).id;
      await classify(d.agent1.accessToken, facilities, 2);
      // recorded the next morning: the contact was made that evening
      await api.clockSet(at('2026-11-24 09:00'));
      await api.step(sup.accessToken, facilities, 'record_developer_contact', { content: '开发商同意更换', contactedAt: at('2026-11-23 20:00') });
      await api.step(sup.accessToken, facilities, 'issue_notice', { content: '请更换排水泵' });
      await api.step(sup.accessToken, facilities, 'resolve', { measures: '开发商已更换排水泵' });
      anon = (await api.file(z, d.room101.id, { category: 'house_quality', text: '门窗变形', anonymous: true })).id;
      await classify(d.agent1.accessToken, anon, 2);
      // received in the third quarter, still not resolved: carried over
      carried = (
        await api.take(d.agent1.accessToken, {
          communityId: jxhy,
          roomId: d.room101.id,
          channel: 'front_desk',
          category: 'house_quality',
          text: '九月：地面开裂',
          receivedAt: at('2026-09-15 09:00'),
        })
      ).id;
      await classify(d.agent1.accessToken, carried, 2);
      // not class 2
      await classify(d.agent1.accessToken, (await api.file(z, d.room101.id, { category: 'house_quality', text: '其实是我司维修问题' })).id, 2).then((c) =>
        api.step(sup.accessToken, c.id, 'reclassify', { complaintClass: 1, reason: '我司维修返工' }),
      );
    });

    it('counts by category and status, open items (carry-over included), developer response times', async () => {
      const r = await api.class2(sup.accessToken, jxhy, '2026-Q4');
      expect(r.status).toBe(200);
      const s = r.body;
      const no = async (id: number) => (await api.detail(sup.accessToken, id)).body.no;
      expect(s).toEqual(
        expect.objectContaining({ communityName: '锦绣花园', handoverDate: '2026-03-01', windowEnds: '2027-03-01', quarter: '2026-Q4', total: 3 }),
      );
      expect(s.from).toBe(at('2026-10-01 00:00'));
      expect(s.to).toBe(at('2027-01-01 00:00'));
      expect(s.byStatus).toEqual(expect.objectContaining({ in_progress: 2, resolved: 1, closed: 0 }));
      expect(s.byCategory).toEqual([
        expect.objectContaining({ category: 'house_quality', label: '房屋质量', total: 2, byStatus: expect.objectContaining({ in_progress: 2 }) }),
        expect.objectContaining({ category: 'supporting_facilities', label: '配套设施', total: 1, byStatus: expect.objectContaining({ resolved: 1 }) }),
      ]);
      expect(s.items.map((i) => i.no)).toEqual([await no(quality), await no(facilities), await no(anon)]);
      const [q, f, a] = s.items;
      expect(q).toEqual(expect.objectContaining({ location: '1栋1单元101', ownerName: '李主管', developerResponseHours: 4, resolvedAt: null }));
      expect(f).toEqual(expect.objectContaining({ developerResponseHours: 6, measures: '开发商已更换排水泵', statusLabel: '待确认' }));
      expect(a).toEqual(expect.objectContaining({ location: '匿名', developerContactedAt: null, developerResponseHours: null }));
      expect(s.developerResponse).toEqual({ contacted: 2, notContacted: 1, averageHours: 5, maxHours: 6 });
      expect(s.openItems.map((i) => i.no)).toEqual([await no(carried), await no(quality), await no(anon)]);
      expect(JSON.stringify(s)).not.toContain('张三');
    });

    it('exports CSV for Excel: UTF-8 with a BOM, the totals and the items', async () => {
      const res = await fetch(`${t.url}/api/staff/reports/class2-summary?communityId=${jxhy}&quarter=2026-Q4&format=csv`, {
        headers: { authorization: `Bearer ${sup.accessToken}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="class2-summary-2026-Q4.csv"');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('锦绣花园 2026-Q4 二类投诉（开发商遗留问题）季度汇总');
      expect(lines).toContain('类别,合计,已受理,处理中,待确认,已重开,待回访,已完结,已撤销');
      expect(lines).toContain('房屋质量,2,0,2,0,0,0,0,0');
      expect(lines).toContain('合计,3,0,2,1,0,0,0,0');
      expect(lines).toContain('编号,类别,状态,受理时间,位置,负责人,首次联系开发商,开发商响应（小时）,办结时间,处理措施');
      const qNo = (await api.detail(sup.accessToken, quality)).body.no;
      expect(lines).toContain(`${qNo},房屋质量,处理中,2026-11-23 10:00,1栋1单元101,李主管,2026-11-23 14:00,4,,`);
      expect(text).toContain(',匿名,');
      expect(text).not.toContain('张三');
      // errors stay JSON
      const bad = await t.get(`/api/staff/reports/class2-summary?communityId=${chy}&quarter=2026-Q4&format=csv`, { token: d.manager1.accessToken });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('BAD_REQUEST');
    });

    it('only within a year of handover: 锦绣花园 (2026-03-01) qualifies through 2027-Q1; 翠湖苑 (2019) never; a clear 400', async () => {
      expect((await api.class2(sup.accessToken, jxhy, '2026-Q1')).status).toBe(200);
      expect((await api.class2(sup.accessToken, jxhy, '2027-Q1')).status).toBe(200);
      for (const q of ['2025-Q4', '2027-Q2']) {
        const r = await api.class2(sup.accessToken, jxhy, q);
        expect(r.status).toBe(400);
        expect(r.body.message).toContain('交付一年内');
      }
      const old = await api.class2(d.manager1.accessToken, chy, '2026-Q4');
      expect(old.status).toBe(400);
      expect(old.body.message).toBe(
        '二类投诉季度汇总只适用于交付一年内的小区：翠湖苑交付日期为 2019-06-30，汇总期为 2019-06-30 至 2020-06-29，2026年第4季度不在其内',
      );
      expect(old.body.details).toEqual({ handoverDate: '2019-06-30', windowEnds: '2020-06-30', quarter: '2026-Q4' });
      expect((await api.class2(sup.accessToken, jxhy, '2026-Q5')).status).toBe(400);
      expect((await api.class2(d.agent1.accessToken, jxhy, '2026-Q4')).status).toBe(403);
      expect((await api.class2(d.supervisor2.accessToken, jxhy, '2026-Q4')).status).toBe(404);
    });
  });
});
