import { ReleaseItem, TimelineEntry } from '@linli/shared';

/** What a large-item release keeps in details_json. */
export interface ItemDetails {
  items: ReleaseItem[];
  date: string;
  from: string;
  to: string;
  byTenant: boolean;
  timeline: TimelineEntry[];
  override?: { byId: number; byName: string; reason: string; at: string; overdueCents: number; lines: number };
}

export const withEvent = (d: ItemDetails, at: Date, text: string): ItemDetails => ({ ...d, timeline: [...d.timeline, { at: at.toISOString(), text }] });
