import type {
  Page,
  PriceItemView,
  RepairAction,
  RepairActionRequest,
  RepairDetail,
  RepairListQuery,
  RepairSummary,
  StaffIntakeRepairRequest,
  TechnicianLoad,
} from '@linli/shared';
import { api, qs } from '@common/api';

/** The staff app's calls to the repair API (every one silent: the pages show their own errors). */

export function listRepairs(q: RepairListQuery): Promise<Page<RepairSummary>> {
  const params: Record<string, string | number | undefined> = {
    status: q.status,
    tier: q.tier,
    breached: q.breached ? 'true' : undefined,
    assigneeId: q.assigneeId,
    communityId: q.communityId,
    from: q.from,
    to: q.to,
    sort: q.sort,
    mine: q.mine ? 'true' : undefined,
    cursor: q.cursor,
    limit: q.limit,
  };
  return api.get<Page<RepairSummary>>(`/api/staff/repairs${qs(params)}`, { silent: true });
}

export function getRepair(id: number): Promise<RepairDetail> {
  return api.get<RepairDetail>(`/api/repairs/${id}`, { silent: true });
}

export function repairAction(id: number, action: RepairAction, body: RepairActionRequest): Promise<RepairDetail> {
  return api.post<RepairDetail>(`/api/repairs/${id}/actions/${action}`, body, { silent: true });
}

export function intakeRepair(body: StaffIntakeRepairRequest, idempotencyKey: string): Promise<RepairDetail> {
  return api.post<RepairDetail>('/api/staff/repairs', body, { idempotencyKey, silent: true });
}

export function listTechnicians(communityId?: number): Promise<TechnicianLoad[]> {
  return api.get<TechnicianLoad[]>(`/api/staff/technicians${qs({ communityId })}`, { silent: true });
}

export function listPriceItems(): Promise<PriceItemView[]> {
  return api.get<PriceItemView[]>('/api/price-items', { silent: true });
}
