import type { ClockView } from '../sla/clocks';
import type { RepairTier } from '../sla/repair-tiers';
import type { Emergency, RepairCategory } from '../tickets/repair-categories';
import type { HoldReason, RepairAction, RepairStatus, VisitSide } from '../tickets/repair-states';

export const Channel = { Miniapp: 'miniapp', Hotline: 'hotline', FrontDesk: 'front_desk', Visit: 'visit' } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];
export const CHANNEL_LABELS: Record<Channel, string> = { miniapp: '小程序', hotline: '热线', front_desk: '前台', visit: '上门' };

/**
 * POST /api/uploads (multipart, field `file`; images only, ≤10 MB) → { id }. The id is then passed in
 * `photoIds` of a create or complete. Views carry a short-lived signed `url` (…/content?exp=…&sig=…),
 * handed out only to those who may see the order.
 */
export interface UploadView {
  id: number;
  url: string;
  mime: string;
  size: number;
}

/** POST /api/repairs (resident; Idempotency-Key honoured). Residents file for their current or another bound room, or a public place. */
export interface CreateRepairRequest {
  category: RepairCategory;
  emergency?: Emergency | null;
  description: string;
  /** one of the caller's approved rooms; omit with `publicLocation` for a public area */
  roomId?: number;
  /** community of the public place (required with publicLocation) */
  communityId?: number;
  publicLocation?: string;
  /** ISO instants of the preferred visit window */
  preferredFrom?: string;
  preferredTo?: string;
  contactName?: string;
  contactPhone?: string;
  photoIds?: number[];
}

/** POST /api/staff/repairs — hotline / front desk / visit intake on a resident's behalf (Idempotency-Key honoured). */
export interface StaffIntakeRepairRequest extends Omit<CreateRepairRequest, 'roomId' | 'communityId'> {
  channel: Exclude<Channel, 'miniapp'>;
  roomId?: number;
  communityId: number;
  contactName: string;
  contactPhone: string;
  /** accept at once with this tier (the usual case for hotline calls) */
  tier?: RepairTier;
}

export interface RepairChargeLine {
  priceItemId: number;
  name: string;
  unit: string;
  unitPriceCents: number;
  quantity: number;
  amountCents: number;
}

export interface RepairEventView {
  id: number;
  type: string;
  actorName: string | null;
  actorRole: string | null;
  at: string;
  payload: Record<string, unknown>;
  /** zh-CN one-liner for the timeline */
  text: string;
}

export interface RepairSummary {
  id: number;
  no: string;
  communityId: number;
  communityName: string;
  roomId: number | null;
  location: string;
  category: RepairCategory;
  emergency: Emergency | null;
  tier: RepairTier | null;
  status: RepairStatus;
  description: string;
  channel: Channel;
  assigneeId: number | null;
  assigneeName: string | null;
  /** the clock that matters now (earliest running), for the countdown */
  nextClock: ClockView | null;
  breached: boolean;
  /** the resident urged (催单) at this time */
  lastUrgedAt: string | null;
  receivedAt: string;
  version: number;
}

export interface RepairDetail extends RepairSummary {
  contactName: string | null;
  /** masked for staff who are not handling the order; full for the reporter and the assigned technician */
  contactPhone: string | null;
  preferredFrom: string | null;
  preferredTo: string | null;
  /** the visit time both sides agreed (the arrival clock of a 一般 order runs to it) */
  agreedVisitAt: string | null;
  /** a proposed visit time waiting for the other side (accept_time or a counter-proposal) */
  proposedVisitAt: string | null;
  proposedBy: VisitSide | null;
  /** the technician's 完工说明 (notes of the latest completion) */
  completionNotes: string | null;
  /** the community's 24-hour duty phone (shown for emergencies instead of appointment slots) */
  dutyPhone: string | null;
  /** upcoming visit times of the technician's other open orders (times only): the pickers' next free slot skips them */
  technicianBusyAt: string[];
  /** a visit may be agreed or proposed up to 24:00 (Asia/Shanghai) of the day this many days after today (VISIT_MAX_DAYS) */
  visitMaxDays: number;
  holdReason: HoldReason | null;
  cancelReason: string | null;
  freeOfCharge: boolean | null;
  charges: RepairChargeLine[];
  chargeTotalCents: number;
  rating: number | null;
  ratingComment: string | null;
  returnVisit: { satisfied: boolean; notes: string | null; at: string } | null;
  photos: UploadView[];
  completionPhotos: UploadView[];
  clocks: ClockView[];
  timeline: RepairEventView[];
  /** what the caller may do now (from the shared state machine) */
  actions: RepairAction[];
  ownerId: number | null;
  ownerName: string | null;
}

/** GET /api/repairs/mine, GET /api/staff/repairs?… */
export interface RepairListQuery {
  status?: RepairStatus | 'open' | 'closed';
  tier?: RepairTier;
  breached?: boolean;
  assigneeId?: number;
  communityId?: number;
  /** YYYY-MM-DD (Asia/Shanghai), received on or after / before */
  from?: string;
  to?: string;
  /** agent inbox (tier, then due time) or newest first */
  sort?: 'inbox' | 'newest';
  /** technician: only orders dispatched to me */
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

/** POST /api/repairs/:id/actions/:action — one endpoint per action, body by action; `version` guards races (409). */
export interface RepairActionRequest {
  version: number;
  tier?: RepairTier;
  /** dispatch / reassign */
  technicianId?: number;
  reason?: string;
  /** schedule / propose_time: ISO instant (accept_time takes the pending proposal) */
  visitAt?: string;
  holdReason?: HoldReason;
  /** complete */
  freeOfCharge?: boolean;
  lines?: { priceItemId: number; quantity: number }[];
  photoIds?: number[];
  notes?: string;
  /** rate */
  rating?: number;
  comment?: string;
  /** return_visit */
  satisfied?: boolean;
}

/** GET /api/staff/technicians?communityId= — for the dispatch picker */
export interface TechnicianLoad {
  id: number;
  name: string;
  openOrders: number;
}

/** Published price list (有偿服务), admin-editable: GET/POST/PATCH /api/price-items */
export interface PriceItemView {
  id: number;
  name: string;
  unit: string;
  priceCents: number;
  active: boolean;
  version: number;
}
/** POST /api/price-items (admin; accepts Idempotency-Key) */
export interface CreatePriceItemRequest {
  name: string;
  unit: string;
  priceCents: number;
}
/** PATCH /api/price-items/:id (admin); `active: false` withdraws the item from new charges */
export interface UpdatePriceItemRequest {
  version?: number;
  name?: string;
  unit?: string;
  priceCents?: number;
  active?: boolean;
}
