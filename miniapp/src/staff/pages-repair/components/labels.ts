import { EMERGENCY_LABELS, REPAIR_CATEGORIES, type Emergency, type RepairCategory } from '@linli/shared';

export function categoryLabel(c: RepairCategory): string {
  return REPAIR_CATEGORIES.find((x) => x.key === c)?.label ?? c;
}

export function emergencyLabel(e: Emergency | null | undefined): string {
  return e ? (EMERGENCY_LABELS[e] ?? e) : '';
}
