/** Resident service entries. Room binding, repairs, complaints and fees are live; the rest land with later features. */
export interface ServiceEntry {
  key: string;
  label: string;
  /** a shorter label for the four-column grid on 首页 (default: label) */
  short?: string;
  /** one-character glyph for the icon tile */
  glyph: string;
  desc: string;
  /** page to open; absent = 即将上线 */
  url?: string;
}

export const SERVICE_ENTRIES: ServiceEntry[] = [
  { key: 'bind', label: '绑定房屋', glyph: '房', desc: '绑定您的房屋，享受物业服务', url: '/pages-room/bind/index' },
  { key: 'repair', label: '报修', glyph: '修', desc: '室内维修、公共设施报修', url: '/pages-repair/new/index' },
  { key: 'repairs', label: '我的报修', glyph: '单', desc: '查看进度、确认完成与评价', url: '/pages-repair/list/index' },
  { key: 'complaint', label: '投诉建议', glyph: '诉', desc: '投诉、建议、咨询与表扬', url: '/pages-complaint/new/index' },
  { key: 'complaints', label: '我的投诉建议', short: '我的投诉', glyph: '议', desc: '查看答复与进度、确认解决与评价', url: '/pages-complaint/list/index' },
  { key: 'fee', label: '缴费', glyph: '缴', desc: '待缴账单、滞纳金、已缴记录与收据', url: '/pages-fees/bills/index' },
  { key: 'prices', label: '收费标准', glyph: '价', desc: '收费项目、标准与依据（价目表）', url: '/pages-fees/prices/index' },
  { key: 'notices', label: '通知公告', short: '公告', glyph: '告', desc: '小区通知、停水停电、公示', url: '/pages-notice/list/index' },
  { key: 'income', label: '公共收益公示', short: '公共收益', glyph: '益', desc: '广告、公共车位、场地租金等收益与使用', url: '/pages-fees/income/index' },
  { key: 'decoration', label: '装修申请', glyph: '装', desc: '装修申请与施工人员的装修出入证', url: '/pages-passes/permits/index' },
  { key: 'pass', label: '通行证', glyph: '证', desc: '访客通行证、住户出入证', url: '/pages-passes/index/index' },
  { key: 'parking', label: '停车证', glyph: '车', desc: '月卡、季卡办理与续期', url: '/pages-passes/parking-apply/index' },
  { key: 'items', label: '大件物品放行', short: '大件放行', glyph: '搬', desc: '搬出家具家电等大件物品', url: '/pages-passes/item-apply/index' },
  { key: 'surveys', label: '问卷调查', glyph: '问', desc: '满意度调查与问卷', url: '/pages-survey/list/index' },
];
