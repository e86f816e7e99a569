import { describeTicketParty, PartySource, scrubIdentifiers } from './ticket-party';

const room: PartySource = {
  anonymous: true,
  roomId: 7,
  location: '1栋1单元101',
  contactName: '张三',
  contactPhone: '13800000001',
  communityName: '锦绣花园',
};
const leaks = ['1栋1单元101', '1单元101', '张三', '13800000001', '138****0001'];
const clean = (s: string) => leaks.filter((l) => s.includes(l));

describe('describeTicketParty: who filed a ticket, per audience', () => {
  it('the handling chain sees everything of an anonymous complaint, the phone in full', () => {
    const p = describeTicketParty(room, 'chain');
    expect(p).toMatchObject({ hidden: false, name: '张三', phone: '13800000001', roomId: 7, location: '1栋1单元101' });
    expect(p.text('我是1栋1单元101的张三')).toBe('我是1栋1单元101的张三');
  });

  it.each(['staff', 'notice'] as const)('%s: an anonymous reporter is 匿名, the room becomes the community, free text loses their identifiers', (audience) => {
    const p = describeTicketParty(room, audience);
    expect(p).toMatchObject({ hidden: true, name: '匿名', phone: null, roomId: null, location: '锦绣花园' });
    const said = p.text('我是1栋1单元101的张三，电话13800000001（138****0001），也可拨 0571-88886666；邻居1-1-102、2栋302室也一样');
    expect(clean(said)).toEqual([]);
    expect(said).not.toMatch(/\d{7,}|\*{4}|1-1-102|302室/);
    expect(said).toContain('某房屋');
    expect(said).toContain('某住户');
  });

  it('a community-wide anonymous matter keeps its place, without the reporter or a building in it', () => {
    const p = describeTicketParty({ ...room, roomId: null, location: '锦绣花园 地库入口 张三家车位旁 3号楼前' }, 'notice');
    expect(p.location).toBe('锦绣花园 地库入口 某住户家车位旁 某处前');
  });

  it('a hotline intake whose location is not the room label still loses the label', () => {
    const p = describeTicketParty({ ...room, location: '1栋1单元101', roomLabel: '1栋1单元101', contactName: null, communityName: null }, 'notice');
    expect(p.location).toBe('匿名');
    expect(p.text('1栋1单元101')).toBe('某房屋');
  });

  it('not anonymous: staff see the masked phone, notices no phone at all; the room and the text stay', () => {
    const open = { ...room, anonymous: false };
    expect(describeTicketParty(open, 'staff')).toMatchObject({ hidden: false, name: '张三', phone: '138****0001', roomId: 7, location: '1栋1单元101' });
    const n = describeTicketParty(open, 'notice');
    expect(n).toMatchObject({ hidden: false, phone: null, location: '1栋1单元101' });
    expect(n.text('1栋1单元101 漏水')).toBe('1栋1单元101 漏水');
  });

  it('no contact on record: nothing to hide but the patterns', () => {
    const p = describeTicketParty({ anonymous: true, roomId: null, location: null, contactName: null, contactPhone: null }, 'notice');
    expect(p.location).toBe('');
    expect(p.text(null)).toBe('');
    expect(p.text('电话13912345678')).toBe('电话***');
  });
});

describe('scrubIdentifiers', () => {
  it('takes the longest labels and names first, ignores one-character names and ordinary numbers', () => {
    expect(scrubIdentifiers('张三丰和张三', { names: ['张三', '张三丰', '王'] })).toBe('某住户和某住户');
    expect(scrubIdentifiers('王先生说 2026-12-31 前 3 次', { names: ['王'] })).toBe('王先生说 2026-12-31 前 3 次');
    expect(scrubIdentifiers('10栋2单元1201', { labels: ['10栋2单元1201', '2单元1201'] })).toBe('某房屋');
  });
});
