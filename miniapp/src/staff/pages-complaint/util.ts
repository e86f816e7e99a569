import Taro from '@tarojs/taro';
import {
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CLASS_LABELS,
  COMPLAINT_KIND_LABELS,
  type ComplaintCategory,
  type ComplaintClass,
  type ComplaintKind,
  type Role,
  TICKET_CHANNEL_LABELS,
  formatDue,
} from '@linli/shared';
import { ApiError } from '@common/api';
import { API_BASE, IS_H5 } from '@common/env';
import { getAccessToken } from '@common/session';
import { openTicket } from '@common/tickets/staff-util';

export { confirm, isDesk, isStale, showActionError, toast } from '@common/tickets/staff-util';

export const isManager = (roles: readonly Role[]) => roles.includes('manager') || roles.includes('admin');
export const isAdmin = (roles: readonly Role[]) => roles.includes('admin');

export const DETAIL_PAGE = '/pages-complaint/detail/index';
export const INTAKE_PAGE = '/pages-complaint/intake/index';
export const NOTICE_PAGE = '/pages-complaint/notice/index';

/** 小程序 / 热线 / 前台 / 上门 / 意见箱 / 邮件 / 回访 */
export const CHANNEL_TEXT = TICKET_CHANNEL_LABELS;

export const kindLabel = (k: ComplaintKind) => COMPLAINT_KIND_LABELS[k] ?? k;
export const categoryLabel = (c: ComplaintCategory | null | undefined) => (c ? (COMPLAINT_CATEGORY_LABELS[c] ?? c) : '未分类');
export const classLabel = (c: ComplaintClass | null | undefined) => (c ? COMPLAINT_CLASS_LABELS[c] : '待分类');

export const openDetail = (id: number, replace = false) => openTicket(DETAIL_PAGE, id, replace);

/** The server's 400 details as lines ("2026-10-01：同一天重复填写"). */
export function errorDetails(e: unknown): string[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  return (e.details as unknown[]).map((d) => {
    if (d && typeof d === 'object') {
      const o = d as { date?: string; message?: string; property?: string; constraints?: Record<string, string> };
      const msg = o.message ?? (o.constraints ? Object.values(o.constraints).join('；') : JSON.stringify(d));
      if (o.date && !msg.includes(o.date)) return `${o.date}：${msg}`;
      return msg;
    }
    return String(d);
  });
}

/** GET a text resource (HTML notice, CSV) with the bearer token. */
export async function fetchText(path: string): Promise<string> {
  const token = getAccessToken();
  const res = await Taro.request({
    url: API_BASE + path,
    method: 'GET',
    header: token ? { Authorization: `Bearer ${token}` } : {},
    dataType: '其他',
    responseType: 'text',
  });
  const data = typeof res.data === 'string' ? res.data : JSON.stringify(res.data);
  if (res.statusCode < 200 || res.statusCode >= 300) {
    let message = `请求失败（${res.statusCode}）`;
    try {
      const body = JSON.parse(data) as { message?: string };
      if (body.message) message = body.message;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
  return data;
}

/** H5: open text in a new window from a blob URL (the popup is opened first, inside the tap, so it is not blocked). */
export async function openTextInWindow(path: string, mime: string, fileName?: string): Promise<void> {
  if (!IS_H5) throw new Error('仅网页版支持');
  const win = fileName ? null : window.open('', '_blank');
  try {
    const text = await fetchText(path);
    const url = URL.createObjectURL(new Blob([mime.startsWith('text/csv') ? '\ufeff' + text : text], { type: mime }));
    if (win) win.location.href = url;
    else {
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName ?? 'download';
      document.body.appendChild(a);
      a.click();
      a.remove();
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    win?.close();
    throw e;
  }
}

/** HTML → readable text for the weapp notice page. */
export function htmlToText(html: string): string {
  return html
    .replace(/<head[\s\S]*?<\/head>/gi, '')
    .replace(/<(script|style|title)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h\d|li|tr|section|header|footer)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n\s*\n\s*\n+/g, '\n\n')
    .trim();
}

/** A due instant, the one way both apps write deadlines ("12月7日 24:00"). */
export const dueText = (iso: string): string => formatDue(iso);
