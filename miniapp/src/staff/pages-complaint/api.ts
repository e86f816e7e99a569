import type { CalendarOverride, ComplaintAction, Page } from '@linli/shared';
import { api, qs } from '@common/api';
import type {
  CalendarYearView,
  Class2SummaryView,
  ComplaintActionRequest,
  ComplaintDetail,
  ComplaintListQuery,
  ComplaintOwnerCandidate,
  ComplaintSummary,
  DisclosureDraftView,
  StaffIntakeComplaintRequest,
} from '@linli/shared';

/** The staff app's calls to the complaints API (every one silent: the pages show their own errors). */

export function listComplaints(q: ComplaintListQuery): Promise<Page<ComplaintSummary>> {
  const params: Record<string, string | number | undefined> = {
    inbox: q.inbox,
    kind: q.kind,
    class: q.class,
    status: q.status,
    breached: q.breached ? 'true' : undefined,
    communityId: q.communityId,
    mine: q.mine ? 'true' : undefined,
    cursor: q.cursor,
    limit: q.limit,
  };
  return api.get<Page<ComplaintSummary>>(`/api/staff/complaints${qs(params)}`, { silent: true });
}

export function getComplaint(id: number): Promise<ComplaintDetail> {
  return api.get<ComplaintDetail>(`/api/complaints/${id}`, { silent: true });
}

export function complaintAction(id: number, action: ComplaintAction, body: ComplaintActionRequest): Promise<ComplaintDetail> {
  return api.post<ComplaintDetail>(`/api/complaints/${id}/actions/${action}`, body, { silent: true });
}

export function intakeComplaint(body: StaffIntakeComplaintRequest, idempotencyKey: string): Promise<ComplaintDetail> {
  return api.post<ComplaintDetail>('/api/staff/complaints', body, { idempotencyKey, silent: true });
}

export function listOwners(communityId: number, role?: 'agent' | 'supervisor' | 'manager'): Promise<ComplaintOwnerCandidate[]> {
  return api.get<ComplaintOwnerCandidate[]>(`/api/staff/complaint-owners${qs({ communityId, role })}`, { silent: true });
}

export function getDisclosure(communityId: number, month: string, regenerate = false): Promise<DisclosureDraftView> {
  return api.get<DisclosureDraftView>(`/api/staff/reports/disclosure-draft${qs({ communityId, month, regenerate: regenerate ? 'true' : undefined })}`, {
    silent: true,
  });
}

export function saveDisclosure(communityId: number, month: string, body: { title?: string; body: string }): Promise<DisclosureDraftView> {
  return api.put<DisclosureDraftView>(`/api/staff/reports/disclosure-draft${qs({ communityId, month })}`, body, { silent: true });
}

export function getClass2Summary(communityId: number, quarter: string): Promise<Class2SummaryView> {
  return api.get<Class2SummaryView>(`/api/staff/reports/class2-summary${qs({ communityId, quarter })}`, { silent: true });
}

export function class2CsvPath(communityId: number, quarter: string): string {
  return `/api/staff/reports/class2-summary${qs({ communityId, quarter, format: 'csv' })}`;
}

export function getCalendar(year: number): Promise<CalendarYearView> {
  return api.get<CalendarYearView>(`/api/admin/calendar/${year}`, { silent: true });
}

export function saveCalendar(year: number, overrides: CalendarOverride[]): Promise<CalendarYearView> {
  return api.put<CalendarYearView>(`/api/admin/calendar/${year}`, { overrides }, { silent: true });
}

/** The company's working calendar of a year, readable by all staff (for counting working days left). */
export function getStaffCalendar(year: number): Promise<CalendarYearView> {
  return api.get<CalendarYearView>(`/api/calendar/${year}`, { silent: true });
}
