import { addCalendarDays } from '../sla/working-calendar';
import { parsePlate } from './plates';

/** Parking passes (停车证): the vehicle, the term, the fee item that prices it, the rules checked at issue. */
export type ParkingVehicle = 'car' | 'motorcycle';
export type ParkingTerm = 'monthly' | 'quarterly';
export const PARKING_VEHICLES: ParkingVehicle[] = ['car', 'motorcycle'];
export const PARKING_TERMS: ParkingTerm[] = ['monthly', 'quarterly'];
export const PARKING_VEHICLE_LABELS: Record<ParkingVehicle, string> = { car: '汽车', motorcycle: '摩托车' };
export const PARKING_TERM_LABELS: Record<ParkingTerm, string> = { monthly: '月卡', quarterly: '季卡' };
const TERM_MONTHS: Record<ParkingTerm, number> = { monthly: 1, quarterly: 3 };

/**
 * The price of a parking pass is the community's one-off fee item of this exact name (the published price table,
 * with its payer and late-fee rule); a community without it cannot sell that pass.
 */
export const PARKING_FEE_ITEM_NAMES: Record<ParkingVehicle, Record<ParkingTerm, string>> = {
  car: { monthly: '停车证 月卡', quarterly: '停车证 季卡' },
  motorcycle: { monthly: '摩托车停车证 月卡', quarterly: '摩托车停车证 季卡' },
};

/** Reminders: this many days before the pass expires. */
export const PARKING_REMIND_DAYS = 7;
/** How far ahead a pass may start. */
export const PARKING_MAX_START_DAYS = 60;

/** The last day (inclusive) of a term starting on `startsOn`: 03-15 monthly → 04-14; 01-31 monthly → 02-28. */
export function parkingEndsOn(startsOn: string, term: ParkingTerm): string {
  const [y, m, d] = startsOn.split('-').map(Number);
  const months = m - 1 + TERM_MONTHS[term];
  const ty = y + Math.floor(months / 12);
  const tm = (months % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const same = `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  // a start on the 31st ends on the last day of the short month; otherwise the day before the same date
  return d > last ? same : addCalendarDays(same, -1);
}

/** The facts the issue rules look at, when the fee is paid (or staff approve). */
export interface ParkingIssueFacts {
  plate: string;
  insuranceUntil: string;
  endsOn: string;
  /** Shanghai date of the check */
  today: string;
  /** another active parking pass of the community for the same plate, whose window overlaps this one */
  overlapping: boolean;
}

/** zh-CN reasons the pass cannot be issued at once (empty: issue now); staff review the rest. */
export function parkingIssueProblems(f: ParkingIssueFacts): string[] {
  const out: string[] = [];
  if (!parsePlate(f.plate)) out.push('车牌号码格式不正确');
  if (f.insuranceUntil < f.endsOn) out.push(`车辆保险 ${f.insuranceUntil} 到期，未覆盖停车证有效期（至 ${f.endsOn}）`);
  if (f.overlapping) out.push('该车牌在本小区已有有效期重叠的停车证');
  if (f.endsOn < f.today) out.push(`缴费时停车证有效期已过（至 ${f.endsOn}）`);
  return out;
}
