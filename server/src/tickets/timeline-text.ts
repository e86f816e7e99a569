import {
  CHANNEL_LABELS,
  formatDueDate,
  Channel,
  CLOCK_LABELS,
  COMPLAINT_CLASS_LABELS,
  COMPLAINT_KIND_LABELS,
  ComplaintClass,
  ComplaintKind,
  ClockName,
  EMERGENCY_LABELS,
  Emergency,
  HOLD_REASON_LABELS,
  HoldReason,
  REPAIR_TIER_LABELS,
  RepairTier,
  TICKET_CHANNEL_LABELS,
  TicketChannel,
} from '@linli/shared';

const time = (iso: unknown) => (typeof iso === 'string' ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ') : '');
const yuan = (cents: unknown) => `¥${(Number(cents ?? 0) / 100).toFixed(2)}`;

/** One zh-CN line per timeline event, as both apps show it. */
export function eventText(type: string, p: Record<string, unknown>): string {
  switch (type) {
    case 'created':
      if (p.kind && p.kind !== 'repair')
        return `${TICKET_CHANNEL_LABELS[p.channel as TicketChannel] ?? ''}受理${COMPLAINT_KIND_LABELS[p.kind as ComplaintKind] ?? ''}${p.anonymous ? '（匿名）' : ''}${p.backfilled ? `（纸质补录，实际受理 ${time(p.receivedAt)}）` : ''}`;
      return `${CHANNEL_LABELS[p.channel as Channel] ?? ''}报修${p.emergency ? `（紧急：${EMERGENCY_LABELS[p.emergency as Emergency]}）` : ''}${p.backfilled ? '（补录）' : ''}`;
    case 'accepted':
      return `已受理，等级：${REPAIR_TIER_LABELS[p.tier as RepairTier]}${p.auto ? '（紧急情况自动受理）' : ''}`;
    case 'tier_changed':
      return `等级由${REPAIR_TIER_LABELS[p.from as RepairTier] ?? '—'}调整为${REPAIR_TIER_LABELS[p.to as RepairTier]}：${p.reason}`;
    case 'dispatched':
      return `已派单给 ${p.technicianName}`;
    case 'reassigned':
      return `由 ${p.fromName} 转派给 ${p.technicianName}：${p.reason}`;
    case 'scheduled':
      return `约定上门时间 ${time(p.visitAt)}`;
    case 'time_proposed':
      return `${p.by === 'staff' ? '维修方' : '住户'}${p.counter ? '另约' : '提议'}上门时间 ${time(p.visitAt)}`;
    case 'time_agreed':
      return `${p.by === 'resident' ? '住户' : '维修方'}同意上门时间 ${time(p.visitAt)}`;
    case 'arrived':
      return '维修人员已到场';
    case 'held':
      return `挂起：${HOLD_REASON_LABELS[p.holdReason as HoldReason]}${p.reason ? `，${p.reason}` : ''}`;
    case 'resumed':
      return '恢复处理';
    case 'completed':
      return p.freeOfCharge ? '已完工（原装设备缺陷，免费）' : `已完工，费用 ${yuan(p.totalCents)}`;
    case 'confirmed':
      if (p.kind && p.kind !== 'repair') return p.auto ? '超时未确认，系统自动确认已解决' : '住户确认已解决';
      return p.auto ? '超时未确认，系统自动确认完成' : '住户确认完成';
    case 'disputed':
      return `住户有异议：${p.reason}`;
    case 'rated':
      return `住户评价 ${p.rating} 星${p.comment ? `：${p.comment}` : ''}`;
    case 'return_visit':
      return `回访：${p.satisfied ? '满意' : '不满意'}${p.notes ? `，${p.notes}` : ''}`;
    case 'cancelled':
      if (p.kind && p.kind !== 'repair') return `${p.byResident ? '住户撤回' : '已撤销'}${p.reason ? `：${p.reason}` : ''}`;
      return `已取消${p.reason ? `：${p.reason}` : ''}`;
    case 'urged':
      return '住户催单';
    // ---- complaints desk
    case 'classified':
      return `确认为${COMPLAINT_CLASS_LABELS[p.to as ComplaintClass]}，由 ${p.ownerName} 负责${p.reason ? `：${p.reason}` : ''}`;
    case 'reclassified':
      return `由${COMPLAINT_CLASS_LABELS[p.from as ComplaintClass] ?? '未分类'}调整为${COMPLAINT_CLASS_LABELS[p.to as ComplaintClass]}，改由 ${p.ownerName} 负责：${p.reason}`;
    case 'owner_changed':
      return `由 ${p.fromName ?? '—'} 转交 ${p.toName}：${p.reason}`;
    case 'resolution_due_set':
      return `办结时限 ${formatDueDate(String(p.dueDate))}`;
    case 'replied':
      return p.written ? '书面答复' : '答复';
    case 'followed_up':
      return `住户追问${p.writtenReplyRequested ? '，要求书面答复' : ''}`;
    case 'developer_contacted':
      return '已联系开发商';
    case 'notice_issued':
      return '已向开发商发出书面通知';
    case 'coordinator_appointed':
      return `指定 ${p.coordinatorName} 为协调人`;
    case 'authority_reported':
      return `已书面报告${p.authority ? ` ${p.authority}` : '主管部门'}`;
    case 'resolved':
      return '已办结';
    case 'reopened':
      return `住户反馈未解决，重新处理：${p.reason}`;
    case 'closed':
      return p.auto ? '系统自动关闭' : '已关闭';
    case 'clock_breached':
      return `${CLOCK_LABELS[p.clock as ClockName] ?? ''}超时，已通知负责人及主管`;
    case 'escalated':
      return `${CLOCK_LABELS[p.clock as ClockName] ?? ''}超时${p.level === 3 ? '，已上报公司经理' : '，已上报服务中心经理'}（${p.level}级）`;
    default:
      return type;
  }
}
