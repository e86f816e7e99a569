import { ItemReleaseView, RoomArrears } from '@linli/shared';
import { clockView, detailsOf, LoadedPass, queuedPassBase } from '../pass-queue-rows';
import { ItemDetails } from './item-details';

/** A large-item release; `overdue` only for staff (a tenant does not see the owner's bills). */
export function itemView(p: LoadedPass, forHolder: boolean, overdue: RoomArrears | null | undefined): ItemReleaseView {
  const d = detailsOf<ItemDetails>(p);
  return {
    ...queuedPassBase(p, forHolder),
    byTenant: d.byTenant,
    items: d.items,
    date: d.date,
    from: d.from,
    to: d.to,
    overdue: overdue ? { lines: overdue.lines, openCents: overdue.openCents } : null,
    override: d.override ? { byName: d.override.byName, reason: d.override.reason, at: d.override.at, overdueCents: d.override.overdueCents } : null,
    reviewNote: p.reviewNote,
    issuedAt: p.issuedAt?.toISOString() ?? null,
    clock: clockView(p.clock),
    timeline: d.timeline,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}
