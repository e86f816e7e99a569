import ExcelJS from 'exceljs';
import { SurveyResults } from '@linli/shared';

function sheet(wb: ExcelJS.Workbook, name: string, columns: [string, string, number?][]) {
  const ws = wb.addWorksheet(name);
  ws.columns = columns.map(([header, key, width]) => ({ header, key, width: width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/**
 * The results as a workbook, from the same SurveyResults the screen shows: 概况 (rate, index and its formula),
 * 题目分布, 分楼栋, 工单评价 (beside the index, not in it) and 意见建议 (on an anonymous survey the texts only).
 */
export async function surveyWorkbook(v: SurveyResults): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sum = sheet(wb, '概况', [
    ['项目', 'k', 20],
    ['数值', 'v', 80],
  ]);
  sum.addRows([
    { k: '问卷', v: v.title },
    { k: '小区', v: v.communityName },
    { k: '匿名', v: v.anonymous ? '是' : '否' },
    { k: '调查对象', v: v.targeted },
    { k: '已回复', v: v.responded },
    { k: '回复率(%)', v: v.responseRate },
    { k: '回复率公式', v: v.responseRateText },
    { k: '满意度', v: v.index.index ?? '—' },
    { k: '有效答卷', v: v.index.valid },
    { k: '满意度公式', v: v.index.formula },
  ]);
  for (const d of v.dimensions) sum.addRow({ k: `满意度·${d.dimension}`, v: d.index.formula });
  const qs = sheet(wb, '题目分布', [
    ['题号', 'seq', 6],
    ['题目', 'title', 40],
    ['选项', 'label', 20],
    ['人数', 'count', 8],
    ['占比(%)', 'percent', 10],
  ]);
  for (const q of v.questions) {
    for (const o of q.options) qs.addRow({ seq: q.seq, title: q.title, label: o.label, count: o.count, percent: o.percent });
    if (q.index) qs.addRow({ seq: q.seq, title: q.title, label: q.index.formula });
  }
  const bs = sheet(wb, '分楼栋', [
    ['楼栋', 'name', 12],
    ['调查对象', 'targeted'],
    ['已回复', 'responded'],
    ['回复率(%)', 'rate'],
    ['满意度', 'index'],
    ['满意度公式', 'formula', 60],
  ]);
  for (const b of v.byBuilding)
    bs.addRow({
      name: b.buildingName,
      targeted: b.targeted,
      responded: b.responded,
      rate: b.responseRate,
      index: b.index.index ?? '—',
      formula: b.index.formula,
    });
  const ts = sheet(wb, '工单评价', [
    ['类型', 'kind', 10],
    ['评价数', 'rated'],
    ['平均星级', 'average'],
  ]);
  for (const k of v.ticketRatings.kinds) ts.addRow({ kind: k.kind === 'repair' ? '报修' : '投诉', rated: k.rated, average: k.average ?? '—' });
  ts.addRow([]);
  ts.addRow([v.ticketRatings.note]);
  const texts = sheet(wb, '意见建议', [['题号', 'seq', 6], ['内容', 'text', 60], ...(v.anonymous ? [] : ([['房屋', 'by', 16]] as [string, string, number][]))]);
  for (const q of v.questions) for (const t of q.texts) texts.addRow(v.anonymous ? { seq: q.seq, text: t.text } : { seq: q.seq, text: t.text, by: t.by ?? '' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
