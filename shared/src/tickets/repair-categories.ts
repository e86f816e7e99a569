import type { RepairTier } from '../sla/repair-tiers';

export const RepairCategory = {
  Water: 'water',
  Electric: 'electric',
  DoorsWindows: 'doors_windows',
  Elevator: 'elevator',
  PublicArea: 'public_area',
  Other: 'other',
} as const;
export type RepairCategory = (typeof RepairCategory)[keyof typeof RepairCategory];

export const REPAIR_CATEGORIES: { key: RepairCategory; label: string; suggestedTier: RepairTier }[] = [
  { key: 'water', label: '水暖', suggestedTier: 'urgent' },
  { key: 'electric', label: '电路', suggestedTier: 'urgent' },
  { key: 'doors_windows', label: '门窗', suggestedTier: 'normal' },
  { key: 'elevator', label: '电梯', suggestedTier: 'urgent' },
  { key: 'public_area', label: '公共区域', suggestedTier: 'normal' },
  { key: 'other', label: '其他', suggestedTier: 'normal' },
];

/** Emergencies start the emergency plan: always critical and first in every queue. */
export const Emergency = {
  Leak: 'leak',
  PublicPowerFailure: 'public_power_failure',
  ElevatorEntrapment: 'elevator_entrapment',
  Fire: 'fire',
} as const;
export type Emergency = (typeof Emergency)[keyof typeof Emergency];
export const EMERGENCY_LABELS: Record<Emergency, string> = {
  leak: '漏水',
  public_power_failure: '公共停电',
  elevator_entrapment: '电梯困人',
  fire: '火情',
};

export function suggestTier(category: RepairCategory, emergency?: Emergency | null): RepairTier {
  if (emergency) return 'critical';
  return REPAIR_CATEGORIES.find((c) => c.key === category)?.suggestedTier ?? 'normal';
}
