import Taro from '@tarojs/taro';
import { qs, showError } from '@common/api';
import { API_BASE, IS_H5 } from '@common/env';
import { getAccessToken } from '@common/session';

export const roomsPage = (communityId: number, buildingId: number, period: string, name: string) =>
  `/pages-ledger/rooms/index${qs({ communityId, buildingId, period, name })}`;

/** YYYY-MM of today in Shanghai, and a month moved by `delta`. */
export function thisMonth(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return d.toISOString().slice(0, 7);
}
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** 9512 → "95.12%" */
export const ratePercent = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(2)}%`);

/** Downloads an .xlsx export with the session's token: a file link on H5, the document viewer in WeChat. */
export async function exportXlsx(path: string, fileName: string): Promise<boolean> {
  const token = getAccessToken();
  try {
    const r = await Taro.downloadFile({ url: API_BASE + path, header: token ? { Authorization: `Bearer ${token}` } : {} });
    if (r.statusCode !== 200) throw new Error(r.statusCode === 403 ? '没有导出权限' : '导出失败，请稍后再试');
    if (IS_H5) {
      const a = document.createElement('a');
      a.href = r.tempFilePath;
      a.download = fileName;
      a.click();
      void Taro.showToast({ title: '已导出', icon: 'success' });
    } else await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'xlsx', showMenu: true });
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}
