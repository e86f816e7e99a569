import { EntityManager } from 'typeorm';
import { SlaClock } from '../sla/entities/clock.entity';
import { Message, NotifyService } from './notify.service';

/** One level of one clock that fired in a sweep batch, with who hears of it. */
export interface Firing {
  clock: SlaClock;
  level: number;
  to: number[];
  no: string;
  label: string;
  link: string | null;
  msg: Message;
}

const LEVEL_NAMES = ['', '一', '二', '三'];

/** Worst first: the highest level, then the longest overdue. */
const worstFirst = (a: Firing, b: Firing) => b.level - a.level || a.clock.dueAt.getTime() - b.clock.dueAt.getTime();

/** The list a summary opens: the breached repairs if any, else the complaints inbox. */
function listLink(fs: Firing[]): string | null {
  if (fs.some((f) => f.link?.startsWith('/repairs/'))) return '/repairs?breached=1';
  if (fs.some((f) => f.link?.startsWith('/complaints/'))) return '/complaints';
  return null;
}

function summary(fs: Firing[]): Message {
  const sorted = [...fs].sort(worstFirst);
  const worst = sorted.slice(0, 3).map((f) => `${f.no} ${f.label}（${LEVEL_NAMES[f.level]}级）`);
  return {
    template: 'clock_escalation',
    title: `【超时汇总】${fs.length} 项超时升级`,
    body: `本轮共 ${fs.length} 项超时升级，最严重的：${worst.join('；')}。逐项明细见站内通知。`,
    link: listLink(fs),
    wx: { character_string1: sorted[0].no, thing2: `共${fs.length}项超时升级`, time3: sorted[0].clock.dueAt, phrase4: '汇总提醒' },
  };
}

/**
 * Enqueues a sweep batch's firings. The inbox gets every one; on WeChat, a recipient with more than `threshold`
 * firings gets one summary (count, the worst three, a link to the list) instead of one message per clock, and so
 * does a community's WeCom group — one back-log must not use up a manager's consents or flood the group.
 */
export async function announceFirings(notify: NotifyService, em: EntityManager, firings: Firing[], threshold: number, now: Date) {
  const byRecipient = groupBy(
    firings.flatMap((f) => f.to.map((r) => [r, f] as const)),
    ([r]) => r,
  );
  const noisy = new Set([...byRecipient].filter(([, fs]) => fs.length > threshold).map(([r]) => r));
  const byCommunity = groupBy(firings, (f) => f.clock.communityId);
  const noisyGroups = new Set([...byCommunity].filter(([, fs]) => fs.length > threshold).map(([c]) => c));
  for (const f of firings)
    await notify.enqueue(em, {
      companyId: f.clock.companyId,
      communityId: f.clock.communityId,
      key: `clock:${f.clock.id}:level:${f.level}`,
      recipients: f.to,
      pushTo: f.to.filter((r) => !noisy.has(r)),
      app: 'staff',
      wecom: !noisyGroups.has(f.clock.communityId),
      at: now,
      msg: f.msg,
    });
  // keyed by the worst firing's own key: each clock level fires once, so a summary is never queued twice
  for (const r of noisy) {
    const fs = byRecipient.get(r)!.map(([, f]) => f);
    const worst = [...fs].sort(worstFirst)[0];
    await notify.enqueue(em, {
      companyId: worst.clock.companyId,
      communityId: worst.clock.communityId,
      key: `clock:${worst.clock.id}:level:${worst.level}:summary`,
      recipients: [r],
      inbox: false,
      app: 'staff',
      at: now,
      msg: summary(fs),
    });
  }
  for (const communityId of noisyGroups) {
    const fs = byCommunity.get(communityId)!;
    const worst = [...fs].sort(worstFirst)[0];
    await notify.enqueue(em, {
      companyId: worst.clock.companyId,
      communityId,
      key: `clock:${worst.clock.id}:level:${worst.level}:summary`,
      recipients: [],
      app: 'staff',
      wecom: true,
      at: now,
      msg: summary(fs),
    });
  }
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
}
