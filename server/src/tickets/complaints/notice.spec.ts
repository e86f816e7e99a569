import { developerNotice, zhDate } from './notice';

describe('notice', () => {
  it('dates in Asia/Shanghai', () => {
    expect(zhDate(new Date('2026-11-23T16:30:00Z'))).toBe('2026年11月24日');
  });

  it("one deadline, the staff's words, never the resident's text", () => {
    const n = developerNotice({
      companyName: '邻里物业',
      communityName: '阳光花园',
      no: 'TS-20261202-0001',
      receivedAt: new Date('2026-12-02T02:00:00Z'),
      categoryLabel: '房屋质量',
      location: '1栋1单元101',
      request: '主卧外墙渗漏，请派员查看并书面回复维修方案',
      addressee: '阳光花园开发建设单位',
      issuedAt: new Date('2026-12-03T02:00:00Z'),
      issuerName: '周主管',
      replyBy: new Date('2026-12-07T16:00:00Z'),
    });
    expect(n.text).toContain('二、问题情况及处理要求：主卧外墙渗漏，请派员查看并书面回复维修方案');
    expect(n.text).toContain('请贵司于2026年12月7日 24:00前书面回复');
    // one deadline: the only 日 dates are receipt, the deadline and the issue date
    expect(n.text.match(/\d+月\d+日/g)).toEqual(['12月2日', '12月7日', '12月3日']);
    expect(n.html).toContain('2026年12月7日 24:00前');
  });
});
