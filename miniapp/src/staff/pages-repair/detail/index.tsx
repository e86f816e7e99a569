import type { ComponentType } from 'react';
import { Text } from '@tarojs/components';
import { CHANNEL_LABELS, HOLD_REASON_LABELS, REPAIR_ACTION_LABELS, type RepairAction, type RepairDetail } from '@linli/shared';
import { Section } from '@common/components';
import { ChargeTable, PhotoGrid, StatusTag, formatShanghai, formatWindow } from '@common/repairs';
import { ClockRow, Description, DetailHead, DetailHistory, InfoRow, Phone, StaffDetailFrame } from '@common/tickets/StaffTicketParts';
import { StaffTicketActions } from '@common/tickets/StaffTicketActions';
import { getRepair, repairAction } from '../api';
import { confirm } from '../util';
import { categoryLabel, emergencyLabel } from '../components/labels';
import { RepairTags } from '../components/tags';
import {
  AcceptPanel,
  CancelPanel,
  ChangeTierPanel,
  CompletePanel,
  DispatchPanel,
  HoldPanel,
  ReassignPanel,
  ReturnVisitPanel,
  ProposeTimePanel,
  SchedulePanel,
  type PanelProps,
} from '../components/panels';

/** Staff actions in button order; the server's `detail.actions` decides which are shown. */
const STAFF_ACTIONS: RepairAction[] = [
  'accept',
  'dispatch',
  'accept_time',
  'propose_time',
  'schedule',
  'arrive',
  'complete',
  'return_visit',
  'resume',
  'hold',
  'reassign',
  'change_tier',
  'cancel',
];
const PANELS: Partial<Record<RepairAction, ComponentType<PanelProps>>> = {
  accept: AcceptPanel,
  change_tier: ChangeTierPanel,
  dispatch: DispatchPanel,
  reassign: ReassignPanel,
  schedule: SchedulePanel,
  propose_time: ProposeTimePanel,
  hold: HoldPanel,
  complete: CompletePanel,
  return_visit: ReturnVisitPanel,
  cancel: CancelPanel,
};
/** the actions without a panel; 到场 and 同意 ask first (confirmDirect) */
const DIRECT: RepairAction[] = ['accept_time', 'arrive', 'resume'];

function confirmDirect(d: RepairDetail, action: RepairAction): Promise<boolean> {
  if (action === 'arrive') return confirm('确认到场', `确认已到达 ${d.location}？到场后开始维修，到场时限即记为完成。`, '确认到场');
  if (action === 'accept_time' && d.proposedVisitAt)
    return confirm('同意上门时间', `住户提议 ${formatShanghai(d.proposedVisitAt, 'YYYY-MM-DD HH:mm')} 上门，同意后即为约定时间。`, '同意');
  return Promise.resolve(true);
}

function Detail({ d, onChanged, onReload }: { d: RepairDetail; onChanged: (d: RepairDetail) => void; onReload: () => Promise<void> }) {
  const showCharges = d.freeOfCharge !== null || d.charges.length > 0 || ['completed', 'confirmed', 'closed'].includes(d.status);

  return (
    <>
      <DetailHead
        kind="repair"
        no={d.no}
        status={<StatusTag status={d.status} />}
        title={`${categoryLabel(d.category)} · ${d.location}`}
        nextClock={d.nextClock}
        tags={<RepairTags r={d} urgedTime />}
      />

      <StaffTicketActions
        d={d}
        order={STAFF_ACTIONS}
        panels={PANELS}
        direct={DIRECT}
        confirmDirect={(a) => confirmDirect(d, a)}
        send={repairAction}
        label={(a) => REPAIR_ACTION_LABELS[a]}
        buttonText={(a) => (a === 'cancel' ? '取消工单' : a === 'propose_time' && d.proposedBy === 'resident' ? '另约时间' : REPAIR_ACTION_LABELS[a])}
        onChanged={onChanged}
        onReload={onReload}
      />

      {d.clocks.length > 0 && (
        <Section title="服务时限" className="e2e-clocks">
          {d.clocks.map((c) => (
            <ClockRow key={c.name} c={c} />
          ))}
        </Section>
      )}

      <Section title="报修信息">
        <InfoRow label="小区">{d.communityName}</InfoRow>
        <InfoRow label="位置">{d.location}</InfoRow>
        <InfoRow label="类别">
          {categoryLabel(d.category)}
          {d.emergency ? ` · ${emergencyLabel(d.emergency)}` : ''}
        </InfoRow>
        <InfoRow label="渠道">{CHANNEL_LABELS[d.channel] ?? d.channel}</InfoRow>
        <InfoRow label="报修时间">{formatShanghai(d.receivedAt, 'YYYY-MM-DD HH:mm')}</InfoRow>
        <InfoRow label="联系人">{d.contactName || '—'}</InfoRow>
        <InfoRow label="联系电话">
          <Phone phone={d.contactPhone} hook="e2e-contact-phone" />
        </InfoRow>
        {(d.preferredFrom || d.preferredTo) && <InfoRow label="期望上门">{formatWindow(d.preferredFrom, d.preferredTo)}</InfoRow>}
        {d.agreedVisitAt && (
          <InfoRow label="约定上门" hookName="e2e-agreed-visit">
            {formatShanghai(d.agreedVisitAt, 'YYYY-MM-DD HH:mm')}
          </InfoRow>
        )}
        {d.proposedVisitAt && (
          <InfoRow label="待确认时间" hookName="e2e-proposed-visit">
            {formatShanghai(d.proposedVisitAt, 'YYYY-MM-DD HH:mm')}
            {d.proposedBy === 'resident' ? '（住户提议，待您确认）' : '（已提议，待住户确认）'}
          </InfoRow>
        )}
        {d.emergency && d.dutyPhone && (
          <InfoRow label="值班电话">
            <Phone phone={d.dutyPhone} hook="e2e-duty-phone" />
          </InfoRow>
        )}
        <InfoRow label="受理人">{d.ownerName || '—'}</InfoRow>
        <InfoRow label="维修工" hookName="e2e-assignee">
          {d.assigneeName || '未派单'}
        </InfoRow>
        {d.holdReason && (
          <InfoRow label="挂起原因" hookName="e2e-hold-reason">
            {HOLD_REASON_LABELS[d.holdReason] ?? d.holdReason}
          </InfoRow>
        )}
        {d.cancelReason && (
          <InfoRow label="取消原因" hookName="e2e-cancel-reason">
            {d.cancelReason}
          </InfoRow>
        )}
        <Description label="问题描述" text={d.description} />
        <PhotoGrid photos={d.photos.map((p) => ({ id: p.id, url: p.url }))} emptyText="" />
      </Section>

      {d.completionNotes && (
        <Section title="完工说明" className="e2e-completion-notes">
          <Text className="rp-desc-text e2e-completion-notes-text">{d.completionNotes}</Text>
        </Section>
      )}

      {showCharges && (
        <Section title="费用" className="e2e-charges-section">
          <ChargeTable lines={d.charges} totalCents={d.chargeTotalCents} freeOfCharge={d.freeOfCharge} />
          {d.completionPhotos.length > 0 && (
            <>
              <Text className="ll-label rp-sub">完工照片</Text>
              <PhotoGrid photos={d.completionPhotos.map((p) => ({ id: p.id, url: p.url }))} />
            </>
          )}
        </Section>
      )}

      <DetailHistory d={d} />
    </>
  );
}

export default function RepairDetailPage() {
  return (
    <StaffDetailFrame className="page-repair-detail" load={getRepair}>
      {(d, detail) => <Detail d={d} onChanged={detail.setData} onReload={detail.reload} />}
    </StaffDetailFrame>
  );
}
