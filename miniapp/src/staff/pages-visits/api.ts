import type {
  CreateCustomerVisitRequest,
  CustomerVisitListItem,
  CustomerVisitView,
  NewResidentVisitView,
  Page,
  RecordNewResidentVisitRequest,
  UnvisitedHouseholdView,
  VisitCoverageView,
  VisitIssueKind,
  VisitIssueView,
} from '@linli/shared';
import { api, newIdempotencyKey, qs } from '@common/api';

const BASE = '/api/staff/visits';

export const newResidentTasks = (communityId: number, status: string, cursor?: string) =>
  api.get<Page<NewResidentVisitView>>(`${BASE}/new-residents${qs({ communityId, status, cursor })}`, { silent: true });
export const recordTask = (id: number, body: RecordNewResidentVisitRequest) => api.post<NewResidentVisitView>(`${BASE}/new-residents/${id}/record`, body);
export const revealResidentPhone = (residentId: number) => api.post<{ phone: string | null }>(`/api/staff/residents/${residentId}/phone`);

/** `key`: one per filled-in form, so a double tap records one visit */
export const createVisit = (body: CreateCustomerVisitRequest, key: string) => api.post<CustomerVisitView>(BASE, body, { idempotencyKey: key });
export const visitList = (communityId: number, cursor?: string) =>
  api.get<Page<CustomerVisitListItem>>(`${BASE}${qs({ communityId, cursor })}`, { silent: true });
export const visitDetail = (id: number) => api.get<CustomerVisitView>(`${BASE}/${id}`, { silent: true });
export const addIssue = (id: number, kind: VisitIssueKind, text: string) =>
  api.post<CustomerVisitView>(`${BASE}/${id}/issues`, { kind, text }, { idempotencyKey: newIdempotencyKey() });
export const issueToTicket = (id: number, issueId: number) => api.post<VisitIssueView>(`${BASE}/${id}/issues/${issueId}/ticket`, {});

export const coverage = (communityId: number) => api.get<VisitCoverageView>(`${BASE}/coverage${qs({ communityId })}`, { silent: true });
export const unvisited = (communityId: number, cursor?: string) =>
  api.get<Page<UnvisitedHouseholdView>>(`${BASE}/unvisited${qs({ communityId, cursor })}`, { silent: true });
