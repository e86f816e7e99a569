import type { PassStatus } from '../passes/pass-kinds';
import type { ParkingTerm, ParkingVehicle } from '../passes/parking';
import type { ReleaseItem } from '../passes/item-release';
import type { UploadView } from './repairs';
import type { ClockView } from '../sla/clocks';

/** A parking pass (停车证) as its holder and the staff see it. */
export interface ParkingPassView {
  id: number;
  communityId: number;
  roomId: number;
  roomLabel: string;
  status: PassStatus;
  statusLabel: string;
  holderName: string;
  /** masked except for the holder */
  holderPhone: string | null;
  plate: string;
  newEnergy: boolean;
  vehicle: ParkingVehicle;
  term: ParkingTerm;
  startsOn: string;
  endsOn: string;
  insuranceUntil: string;
  insurance: UploadView | null;
  feeCents: number;
  billLineId: number | null;
  /** why it went to review rather than being issued at once */
  problems: string[];
  reviewNote: string | null;
  issuedAt: string | null;
  renewedFrom: number | null;
  clock: ClockView | null;
  createdAt: string;
  version: number;
}

/** One pass found by the guard's plate lookup: the holder's phone is masked. */
export interface PlatePassView {
  id: number;
  status: PassStatus;
  statusLabel: string;
  /** the window as of now */
  window: 'not_yet' | 'valid' | 'expired';
  vehicle: ParkingVehicle;
  validFrom: string;
  validUntil: string;
  roomLabel: string;
  holderName: string;
  holderPhoneMasked: string | null;
}

export interface PlateLookupView {
  plate: string;
  /** a valid pass covers now */
  valid: boolean;
  passes: PlatePassView[];
}

export interface TimelineEntry {
  at: string;
  text: string;
}

/** A large-item release (大件物品放行). */
export interface ItemReleaseView {
  id: number;
  communityId: number;
  roomId: number;
  roomLabel: string;
  status: PassStatus;
  statusLabel: string;
  holderName: string;
  holderPhone: string | null;
  /** a tenant's request, which needs the owner's consent */
  byTenant: boolean;
  items: ReleaseItem[];
  date: string;
  from: string;
  to: string;
  /** the room's overdue bills as of now (staff and the holder see it) */
  overdue: { lines: number; openCents: number } | null;
  override: { byName: string; reason: string; at: string; overdueCents: number } | null;
  reviewNote: string | null;
  issuedAt: string | null;
  clock: ClockView | null;
  timeline: TimelineEntry[];
  createdAt: string;
  version: number;
}

/** The answer to a staff decision (approve, return) or an owner's consent. */
export interface PassDecisionView {
  id: number;
  status: PassStatus;
  statusLabel: string;
  version: number;
}
