import ExcelJS from 'exceljs';
import { ARREARS_AGE_LABELS, ARREARS_AGES, formatShare, MonthlyReportView } from '@linli/shared';

const yuan = (cents: number) => cents / 100;
const MONEY = '#,##0.00';
const minutes = (ms: number | null) => (ms === null ? '—' : Math.round(ms / 6_000) / 10);

function sheet(wb: ExcelJS.Workbook, name: string, columns: [string, string, number?][]) {
  const ws = wb.addWorksheet(name);
  ws.columns = columns.map(([header, key, width]) => ({ header, key, width: width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

function title(v: MonthlyReportView) {
  return `${v.communityName ?? '全部小区'} ${v.period}`;
}

function countsSheet(wb: ExcelJS.Workbook, v: MonthlyReportView, name = '工作量统计') {
  const ws = sheet(wb, name, [
    ['项目', 'label', 24],
    ['本月', 'value'],
    ['上月', 'previous'],
    ['键', 'key', 28],
  ]);
  for (const f of v.figures) ws.addRow({ label: f.label, value: f.value, previous: f.previous ?? '—', key: f.key });
  return ws;
}

function slaSheet(wb: ExcelJS.Workbook, v: MonthlyReportView, name = 'SLA 达标') {
  const ws = sheet(wb, name, [
    ['时限', 'label', 20],
    ['标准', 'target', 20],
    ['总数', 'total'],
    ['达标', 'met'],
    ['超时', 'breached'],
    ['达标率', 'share'],
    ['中位数（分钟）', 'median'],
    ['P90（分钟）', 'p90'],
    ['键', 'key', 24],
  ]);
  for (const l of v.sla)
    ws.addRow({
      label: l.label,
      target: l.target,
      total: l.total,
      met: l.met,
      breached: l.breached,
      share: formatShare(l.metShare),
      median: minutes(l.medianMs),
      p90: minutes(l.p90Ms),
      key: l.key,
    });
  return ws;
}

function satisfactionSheet(wb: ExcelJS.Workbook, v: MonthlyReportView) {
  const ws = sheet(wb, '满意度', [
    ['项目', 'label', 24],
    ['数值', 'value', 16],
    ['说明', 'note', 60],
  ]);
  const s = v.satisfaction;
  ws.addRow({ label: '满意度指数（问卷）', value: s.surveyIndex === null ? '—' : formatShare(s.surveyIndex), note: s.surveyFormula });
  ws.addRow({ label: '问卷份数', value: s.surveyResponses });
  ws.addRow({ label: '其中进行中的调查（截至目前的答卷）', value: s.surveysOpen });
  ws.addRow({ label: '工单评价平均分（1–5 星）', value: s.ticketRatingAverage ?? '—', note: '与问卷指数分列，不合并计算' });
  ws.addRow({ label: '工单评价数', value: s.ticketRatings });
  return ws;
}

function feesSheet(wb: ExcelJS.Workbook, v: MonthlyReportView) {
  const ws = sheet(wb, '收费', [
    ['项目', 'label', 24],
    ['金额（元）/ 比率', 'value', 18],
    ['说明', 'note', 60],
  ]);
  const f = v.fees;
  ws.addRow({ label: '本期应收', value: yuan(f.billedCents) });
  ws.addRow({ label: '减免', value: yuan(f.waivedCents) });
  ws.addRow({ label: '已收', value: yuan(f.collectedCents) });
  ws.addRow({ label: '收缴率', value: formatShare(f.collectionRate), note: f.collectionFormula });
  for (const a of ARREARS_AGES) ws.addRow({ label: `欠费·${ARREARS_AGE_LABELS[a]}`, value: yuan(f.arrearsByAge[a]), note: `截至 ${v.period} 月末` });
  ws.getColumn('value').numFmt = MONEY;
  return ws;
}

/** The monthly table (客服部月度工作统计表) as one workbook: counts, SLA, satisfaction and fees on one sheet each. */
export async function monthlyWorkbook(v: MonthlyReportView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = countsSheet(wb, v, '月度统计');
  ws.addRow([]);
  ws.addRow([title(v)]);
  slaSheet(wb, v);
  satisfactionSheet(wb, v);
  feesSheet(wb, v);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The quarterly management report: the quarter's three months side by side per section, one sheet per section. */
export async function quarterlyWorkbook(quarter: string, months: MonthlyReportView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const head = (name: string) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(['项目', ...months.map((m) => m.period), '季度合计']).font = { bold: true };
    ws.getColumn(1).width = 28;
    return ws;
  };
  const counts = head('工作量');
  for (const f of months[0].figures) {
    const vals = months.map((m) => m.figures.find((x) => x.key === f.key)?.value ?? 0);
    counts.addRow([f.label, ...vals, vals.reduce((a, b) => a + b, 0)]);
  }
  const sla = head('SLA 达标');
  for (const l of months[0].sla) {
    const per = months.map((m) => m.sla.find((x) => x.key === l.key)!);
    const total = per.reduce((a, x) => a + x.total, 0);
    const met = per.reduce((a, x) => a + x.met, 0);
    sla.addRow([`${l.label}（${l.target}）`, ...per.map((x) => formatShare(x.metShare)), formatShare(total ? met / total : null)]);
  }
  const sat = head('满意度');
  sat.addRow(['满意度指数（问卷）', ...months.map((m) => (m.satisfaction.surveyIndex === null ? '—' : formatShare(m.satisfaction.surveyIndex))), '']);
  sat.addRow(['工单评价平均分', ...months.map((m) => m.satisfaction.ticketRatingAverage ?? '—'), '']);
  sat.addRow(['工单评价数', ...months.map((m) => m.satisfaction.ticketRatings), months.reduce((a, m) => a + m.satisfaction.ticketRatings, 0)]);
  sat.addRow([months[0].satisfaction.surveyFormula]);
  const fees = head('收费');
  const sum = (f: (m: MonthlyReportView) => number) => months.reduce((a, m) => a + f(m), 0);
  fees.addRow(['本期应收（元）', ...months.map((m) => yuan(m.fees.billedCents)), yuan(sum((m) => m.fees.billedCents))]);
  fees.addRow(['减免（元）', ...months.map((m) => yuan(m.fees.waivedCents)), yuan(sum((m) => m.fees.waivedCents))]);
  fees.addRow(['已收（元）', ...months.map((m) => yuan(m.fees.collectedCents)), yuan(sum((m) => m.fees.collectedCents))]);
  fees.addRow(['收缴率', ...months.map((m) => formatShare(m.fees.collectionRate)), '']);
  fees.addRow([months[0].fees.collectionFormula]);
  fees.addRow([`${months[0].communityName ?? '全部小区'} ${quarter}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
