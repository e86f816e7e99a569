import ExcelJS from 'exceljs';
import { ArrearsRoomsView, ArrearsView, collectionRateBp, StatementView } from '@linli/shared';

/** Money in the sheets is yuan with two decimals (cents ÷ 100, exact for display); rates in percent. */
const yuan = (cents: number) => cents / 100;
const rate = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(2)}%`);
const MONEY = '#,##0.00';

function sheet(wb: ExcelJS.Workbook, name: string, columns: [string, string, number?][]) {
  const ws = wb.addWorksheet(name);
  ws.columns = columns.map(([header, key, width]) => ({ header, key, width: width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

function moneyColumns(ws: ExcelJS.Worksheet, keys: string[]) {
  for (const k of keys) ws.getColumn(k).numFmt = MONEY;
}

/** 月度对账 as a workbook: one row per item, the totals, the identity. */
export async function statementWorkbook(v: StatementView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, '月度对账', [
    ['收费项目', 'name', 18],
    ['期初欠费', 'opening'],
    ['本期应收', 'billed'],
    ['实收', 'paid'],
    ['减免', 'waived'],
    ['退款', 'refunded'],
    ['期末欠费', 'closing'],
    ['滞纳金收入', 'late'],
    ['滞纳金退还', 'lateRefunded'],
  ]);
  for (const r of [...v.rows, v.totals])
    ws.addRow({
      name: r.name,
      opening: yuan(r.openingArrears),
      billed: yuan(r.billed),
      paid: yuan(r.paid),
      waived: yuan(r.waived),
      refunded: yuan(r.refunded),
      closing: yuan(r.closingArrears),
      late: yuan(r.lateFeesCollected),
      lateRefunded: yuan(r.lateFeesRefunded),
    });
  moneyColumns(ws, ['opening', 'billed', 'paid', 'waived', 'refunded', 'closing', 'late', 'lateRefunded']);
  ws.addRow([]);
  ws.addRow([`${v.communityName} ${v.month}（${v.firstDay} 至 ${v.lastDay}）`]);
  ws.addRow([v.identity]);
  if (!v.balanced) ws.addRow([`账不平的项目：${v.unbalancedKeys.join('、')}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 欠费统计 as a workbook: the buildings with totals, and the rooms in arrears of every building. */
export async function arrearsWorkbook(v: ArrearsView, rooms: ArrearsRoomsView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, '楼栋欠费', [
    ['楼栋', 'name', 16],
    ['房屋数', 'rooms', 10],
    ['欠费户数', 'overdueRooms', 10],
    ['欠费本金', 'open'],
    ['滞纳金（截至今日）', 'late', 18],
    ['本期应收', 'billed'],
    ['本期已收', 'paid'],
    ['收缴率', 'rate', 10],
  ]);
  const t = v.totals;
  for (const b of v.buildings)
    ws.addRow({
      name: b.buildingName,
      rooms: b.rooms,
      overdueRooms: b.overdueRooms,
      open: yuan(b.openCents),
      late: yuan(b.lateFeeCents),
      billed: yuan(b.billedCents),
      paid: yuan(b.paidCents),
      rate: rate(b.collectionRateBp),
    });
  ws.addRow({
    name: '合计',
    rooms: t.rooms,
    overdueRooms: t.overdueRooms,
    open: yuan(t.openCents),
    late: yuan(t.lateFeeCents),
    billed: yuan(t.billedCents),
    paid: yuan(t.paidCents),
    rate: rate(t.collectionRateBp),
  });
  moneyColumns(ws, ['open', 'late', 'billed', 'paid']);
  ws.addRow([]);
  ws.addRow([`${v.communityName} 账期 ${v.period}，截至 ${v.asOf}；收缴率 = 本期已收 ÷ 本期应收`]);
  const wr = sheet(wb, '欠费房屋', [
    ['楼栋', 'building', 12],
    ['房屋', 'room', 18],
    ['业主', 'owner', 10],
    ['电话', 'phone', 14],
    ['逾期笔数', 'lines', 10],
    ['欠费本金', 'open'],
    ['滞纳金', 'late'],
    ['本期应收', 'billed'],
    ['本期已收', 'paid'],
    ['收缴率', 'rate', 10],
  ]);
  for (const b of rooms)
    for (const r of b.rooms)
      wr.addRow({
        building: b.buildingName,
        room: r.roomLabel,
        owner: r.ownerName ?? '',
        phone: r.ownerPhone ?? '',
        lines: r.overdueLines,
        open: yuan(r.openCents),
        late: yuan(r.lateFeeCents),
        billed: yuan(r.billedCents),
        paid: yuan(r.paidCents),
        rate: rate(collectionRateBp(r.paidCents, r.billedCents)),
      });
  moneyColumns(wr, ['open', 'late', 'billed', 'paid']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
