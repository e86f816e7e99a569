import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  TicketParty,
  COMPLAINT_CLASS_LABELS,
  COMPLAINT_KIND_LABELS,
  ComplaintClass,
  ComplaintKind,
  EMERGENCY_LABELS,
  Emergency,
  REPAIR_TIER_LABELS,
  RepairTier,
  wxValue,
} from '@linli/shared';
import type { Ticket } from '../tickets/entities/ticket.entity';
import { ticketParty } from '../tickets/ticket-party';
import type { TicketEvent } from '../tickets/entities/ticket-event.entity';
import { NotifyService } from './notify.service';
import { newWorkAudience, staffOfCommunity, uniq } from './recipients';

type ResidentTemplate = 'repair_accepted' | 'repair_dispatched' | 'repair_visit_time' | 'repair_completed' | 'complaint_replied' | 'complaint_resolved';

const kindLabel = (t: Ticket) => (t.kind === 'repair' ? '报修' : (COMPLAINT_KIND_LABELS[t.kind as ComplaintKind] ?? '工单'));
const linkOf = (t: Ticket) => (t.kind === 'repair' ? `/repairs/${t.id}` : `/complaints/${t.id}`);
const short = (s: string | null | undefined, n = 40) => {
  const cps = Array.from(s ?? '');
  return cps.length > n ? cps.slice(0, n - 1).join('') + '…' : cps.join('');
};

/**
 * What a ticket event tells whom (templates, zh-CN, in one place). Called by EventExpander after the change's
 * commit, in the transaction that marks its `notify_events` row done (the row itself commits with the change).
 */
@Injectable()
export class TicketNotifications {
  constructor(private readonly notify: NotifyService) {}

  async afterEvent(em: EntityManager, t: Ticket, e: TicketEvent): Promise<void> {
    const key = `ticket:${t.id}:event:${e.id}`;
    const base = { companyId: t.companyId, communityId: t.communityId, at: e.at };
    const no = t.no;
    const link = linkOf(t);
    const resident = t.reporterId && (await this.isResident(em, t.reporterId)) ? [t.reporterId] : [];
    const toResident = (template: ResidentTemplate, title: string, body: string, wx: Record<string, unknown>) =>
      resident.length ? this.notify.enqueue(em, { ...base, key, recipients: resident, app: 'resident', msg: { template, title, body, link, wx } }) : undefined;
    const p = e.payload ?? {};
    // rendered once, read anywhere (lock screen, the WeCom group): an anonymous reporter's room, name, phone never in it
    const party = await ticketParty(em, t, 'notice');
    const desc = party.text(t.description);

    switch (e.type) {
      case 'created': {
        const audience = await newWorkAudience(em, t.communityId, e.at);
        await this.notify.enqueue(em, {
          ...base,
          key,
          recipients: uniq(audience.to, e.actorId),
          pushTo: audience.push,
          app: 'staff',
          wecom: true,
          msg: {
            template: 'staff_new_ticket',
            title: `新${kindLabel(t)} ${no}`,
            body: `${party.location ? party.location + '：' : ''}${short(desc)}`,
            link,
            wx: { character_string1: no, thing2: desc, thing3: party.location, time4: t.receivedAt },
          },
        });
        await this.critical(em, t, e, party);
        await this.complaintClass(em, t, e, party);
        break;
      }
      case 'accepted':
      case 'tier_changed':
        if (e.type === 'accepted')
          await toResident(
            'repair_accepted',
            '报修已受理',
            `您的报修 ${no} 已受理${t.tier ? `（${REPAIR_TIER_LABELS[t.tier as RepairTier]}）` : ''}，我们会尽快安排。`,
            {
              character_string1: no,
              thing2: desc,
              phrase3: '已受理',
              time4: e.at,
            },
          );
        await this.critical(em, t, e, party);
        break;
      case 'dispatched':
      case 'reassigned': {
        const tech = t.assigneeId ? await this.name(em, t.assigneeId) : '';
        if (t.assigneeId)
          await this.notify.enqueue(em, {
            ...base,
            key,
            recipients: [t.assigneeId],
            app: 'staff',
            msg: {
              template: 'staff_dispatched',
              title: `派工 ${no}`,
              body: `${party.location}：${short(desc)}${t.tier ? `（${REPAIR_TIER_LABELS[t.tier as RepairTier]}）` : ''}`,
              link,
              wx: { character_string1: no, thing2: desc, thing3: party.location, time4: e.at },
            },
          });
        await toResident('repair_dispatched', '维修已派单', `维修师傅${tech ? ` ${tech} ` : ''}将为您处理报修 ${no}，上门前会与您约定时间。`, {
          character_string1: no,
          thing2: desc,
          name3: tech,
          time4: e.at,
        });
        break;
      }
      case 'scheduled':
        await toResident('repair_visit_time', '上门时间已约定', `报修 ${no}：维修师傅将于 ${wxValue('time', t.agreedVisitAt)} 上门。`, {
          character_string1: no,
          time2: t.agreedVisitAt,
          thing3: party.location,
        });
        break;
      case 'completed': {
        // the technician's 完工说明 goes with it: in full in the inbox, in WeChat's 20-unit thing2 (cut when sent)
        const notes = typeof p.notes === 'string' && p.notes ? p.notes : null;
        const said = notes ? short(notes, 120) : '';
        const stop = /[。！？.!?…]$/.test(said) ? '' : '。';
        await toResident('repair_completed', '维修已完工', `报修 ${no} 已完工。${notes ? `完工说明：${said}${stop}` : ''}请确认并评价。`, {
          character_string1: no,
          thing2: notes ?? desc,
          phrase3: '已完工',
          time4: e.at,
        });
        break;
      }
      case 'time_proposed':
      case 'time_agreed':
        await this.visitTime(em, t, e, party, toResident);
        break;
      case 'replied':
        await toResident('complaint_replied', `${kindLabel(t)}有新回复`, `您的${kindLabel(t)} ${no} 有新的回复，请查看。`, {
          character_string1: no,
          thing2: desc,
          time3: e.at,
        });
        break;
      case 'resolved':
        await toResident(
          'complaint_resolved',
          `${kindLabel(t)}已办结`,
          `您的${kindLabel(t)} ${no} 已处理完毕${t.kind === 'complaint' ? '，请确认并评价' : ''}。`,
          {
            character_string1: no,
            thing2: desc,
            phrase3: '已办结',
            time4: e.at,
          },
        );
        break;
      case 'classified':
      case 'reclassified':
        await this.complaintClass(em, t, e, party);
        break;
      case 'rated': {
        const rating = Number(p.rating ?? t.rating);
        if (rating && rating <= 2) {
          const managers = await staffOfCommunity(em, t.communityId, 'manager');
          await this.notify.enqueue(em, {
            ...base,
            key,
            recipients: managers,
            app: 'staff',
            wecom: true,
            msg: {
              template: 'manager_low_rating',
              title: `差评 ${no}：${rating} 星`,
              body: `${kindLabel(t)} ${no} 收到 ${rating} 星评价${t.ratingComment ? `：${short(party.text(t.ratingComment))}` : ''}`,
              link,
              wx: { character_string1: no, number2: rating, thing3: t.ratingComment ? party.text(t.ratingComment) : desc, time4: e.at },
            },
          });
        }
        break;
      }
    }
  }

  /** The visit agreement: a proposal or an acceptance goes to the other side (the resident, or the technician / desk). */
  private async visitTime(
    em: EntityManager,
    t: Ticket,
    e: TicketEvent,
    party: TicketParty,
    toResident: (template: ResidentTemplate, title: string, body: string, wx: Record<string, unknown>) => Promise<void> | undefined,
  ) {
    const p = e.payload ?? {};
    const at = typeof p.visitAt === 'string' ? p.visitAt : null;
    const when = wxValue('time', at);
    const proposal = e.type === 'time_proposed';
    if (p.by === 'staff') {
      const [title, body, thing3] = proposal
        ? ['请确认上门时间', `报修 ${t.no}：维修方提议 ${when} 上门，请在小程序中同意或另约时间。`, '请同意或另约时间']
        : ['上门时间已约定', `报修 ${t.no}：维修师傅将于 ${when} 上门。`, party.location];
      await toResident('repair_visit_time', title, body, { character_string1: t.no, time2: at, thing3 });
      return;
    }
    // the resident spoke: the technician (the desk owner before dispatch)
    const to = uniq(
      [t.assigneeId ?? t.ownerId].filter((x): x is number => !!x),
      e.actorId,
    );
    if (!to.length) return;
    const what = proposal ? '住户提议上门时间' : '住户已同意上门时间';
    await this.notify.enqueue(em, {
      companyId: t.companyId,
      communityId: t.communityId,
      at: e.at,
      key: `ticket:${t.id}:event:${e.id}`,
      recipients: to,
      app: 'staff',
      msg: {
        template: 'staff_dispatched',
        title: `${what} ${t.no}`,
        body: `${party.location}：${what} ${when}${proposal ? '，请同意或另约时间' : ''}。`,
        link: linkOf(t),
        wx: { character_string1: t.no, thing2: what, thing3: party.location, time4: at },
      },
    });
  }

  /** 特急 repairs and emergencies reach the community's managers at intake — once per ticket. */
  private async critical(em: EntityManager, t: Ticket, e: TicketEvent, party: TicketParty) {
    if (t.kind !== 'repair' || !(t.tier === 'critical' || t.emergency)) return;
    const managers = await staffOfCommunity(em, t.communityId, 'manager');
    const what = t.emergency ? `紧急：${EMERGENCY_LABELS[t.emergency as Emergency]}` : '特急';
    await this.notify.enqueue(em, {
      companyId: t.companyId,
      communityId: t.communityId,
      at: e.at,
      key: `ticket:${t.id}:critical`,
      recipients: uniq(managers, e.actorId),
      app: 'staff',
      wecom: true,
      msg: {
        template: 'manager_critical_intake',
        title: `【${what}】报修 ${t.no}`,
        body: `${party.location}：${short(party.text(t.description))}`,
        link: linkOf(t),
        wx: { character_string1: t.no, thing2: party.text(t.description), thing3: party.location, time4: t.receivedAt },
      },
    });
  }

  /** Class-2 complaints reach the community's supervisors, class-3 its managers — once per ticket and class. */
  private async complaintClass(em: EntityManager, t: Ticket, e: TicketEvent, party: TicketParty) {
    if (t.kind !== 'complaint' || !t.complaintClass || t.complaintClass === 1) return;
    const to = await staffOfCommunity(em, t.communityId, t.complaintClass === 2 ? 'supervisor' : 'manager');
    await this.notify.enqueue(em, {
      companyId: t.companyId,
      communityId: t.communityId,
      at: e.at,
      key: `ticket:${t.id}:class:${t.complaintClass}`,
      recipients: uniq(to, e.actorId),
      app: 'staff',
      wecom: true,
      msg: {
        template: 'staff_complaint_class',
        title: `${COMPLAINT_CLASS_LABELS[t.complaintClass as ComplaintClass] ?? ''} ${t.no}`,
        body: `${party.location ? party.location + '：' : ''}${short(party.text(t.description))}`,
        link: linkOf(t),
        wx: { character_string1: t.no, thing2: party.text(t.description), phrase3: t.complaintClass === 2 ? '二类投诉' : '三类投诉', time4: e.at },
      },
    });
  }

  private async isResident(em: EntityManager, userId: number) {
    const r: { kind: string }[] = await em.query('SELECT kind FROM users WHERE id = ?', [userId]);
    return r[0]?.kind === 'resident';
  }
  private async name(em: EntityManager, userId: number) {
    const r: { name: string }[] = await em.query('SELECT name FROM users WHERE id = ?', [userId]);
    return r[0]?.name ?? '';
  }
}
