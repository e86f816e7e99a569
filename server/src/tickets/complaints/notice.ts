import { formatDue, SHANGHAI_OFFSET_MS } from '@linli/shared';

/** '2026年11月23日' in Asia/Shanghai */
export function zhDate(at: Date): string {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface DeveloperNoticeInput {
  companyName: string;
  communityName: string;
  no: string;
  receivedAt: Date;
  categoryLabel: string;
  /** where the defect is: the room label or the place in the community (never the resident's name or phone) */
  location: string;
  /** the problem and what the developer is asked to do, in the supervisor's words (never the resident's own text) */
  request: string;
  addressee: string;
  issuedAt: Date;
  issuerName: string;
  /** the one deadline for the developer's written answer (a due instant; midnight reads as the day before's 24:00) */
  replyBy?: Date | null;
}

export interface DeveloperNotice {
  title: string;
  /** plain text, as kept on the ticket */
  text: string;
  /** a printable A4 page */
  html: string;
}

/**
 * The written notice to the developer (工作联系函) for a class-2 complaint, generated from the ticket: where and since
 * when, the problem and what is asked in the supervisor's words, ONE deadline to answer by, and who issues it. The
 * resident's own text, name and phone are never in it: the developer deals with the property company, and an
 * anonymous resident stays anonymous.
 */
export function developerNotice(n: DeveloperNoticeInput): DeveloperNotice {
  const title = `关于${n.communityName}${n.categoryLabel}问题的书面通知`;
  const paragraphs = [
    `${n.addressee}：`,
    `我司于${zhDate(n.receivedAt)}受理业主反映的${n.categoryLabel}问题（工单编号 ${n.no}），经核实属开发建设遗留问题，现书面通知贵司。`,
    `一、问题位置：${n.location}`,
    `二、问题情况及处理要求：${n.request}`,
    `请贵司${n.replyBy ? `于${formatDue(n.replyBy, { year: true })}前` : '在收到本通知后尽快'}书面回复处理意见及完成时限，并安排人员与我司客户服务中心对接。`,
    '特此通知。',
  ];
  const signature = [`${n.companyName}`, `${n.communityName}客户服务中心`, `经办人：${n.issuerName}`, zhDate(n.issuedAt)];
  const text = [title, '', ...paragraphs, '', ...signature].join('\n');
  const p = (s: string, cls = '') => `<p${cls ? ` class="${cls}"` : ''}>${escapeHtml(s)}</p>`;
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 25mm 20mm; }
  body { font-family: "SimSun", "Songti SC", serif; font-size: 16px; line-height: 1.9; color: #000; max-width: 170mm; margin: 0 auto; padding: 16px; }
  h1 { font-size: 22px; text-align: center; margin: 0 0 24px; letter-spacing: 2px; }
  p { margin: 0 0 8px; text-indent: 2em; }
  p.to { text-indent: 0; }
  .sign { margin-top: 48px; text-align: right; }
  .sign p { text-indent: 0; margin: 0; }
  .no { font-size: 12px; color: #555; text-align: right; text-indent: 0; }
</style>
</head>
<body>
${p(`编号：${n.no}`, 'no')}
<h1>${escapeHtml(title)}</h1>
${paragraphs.map((s, i) => p(s, i === 0 ? 'to' : '')).join('\n')}
<div class="sign">
${signature.map((s) => p(s)).join('\n')}
</div>
</body>
</html>
`;
  return { title, text, html };
}
