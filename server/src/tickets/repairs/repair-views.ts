import { Injectable } from '@nestjs/common';
import {
  actorsFor,
  allowedRepairActions,
  RepairActor,
  RepairTransitionOpts,
  RepairDetail,
  RepairStatus,
  RepairSummary,
  RepairTier,
  Role,
  maskPhone,
} from '@linli/shared';
import { Scope } from '../../common/scope';
import { SlaClock } from '../../sla/entities/clock.entity';
import { clockView } from '../../sla/clocks.service';
import { UploadSigner } from '../../storage/storage.service';
import { uploadView } from '../../storage/uploads.controller';
import { Ticket } from '../entities/ticket.entity';
import { eventText } from '../timeline-text';
import { Written } from './repair-change-load';
import { AppConfig } from '../../config/app-config';

export const DESK: Role[] = ['agent', 'supervisor', 'manager', 'admin'];
export const TIER_RANK: Record<RepairTier, number> = { critical: 1, urgent: 2, normal: 3 };
export const UNTIERED_RANK = 9;

/** How a repair looks to a caller: who may see it, who acts on it, and its detail / summary views (no query). */
@Injectable()
export class RepairViews {
  constructor(
    private readonly signer: UploadSigner,
    private readonly cfg: AppConfig,
  ) {}

  actors(scope: Scope, t: Ticket): RepairActor[] {
    return actorsFor(scope.caller.roles, {
      isAssignee: t.assigneeId === scope.caller.userId,
      isReporter: scope.isResident && (t.reporterId === scope.caller.userId || (t.roomId !== null && scope.roomIds.includes(t.roomId))),
    });
  }

  /** The reporter or a resident of its room; desk staff of its community; its technician. */
  canSee(scope: Scope, t: Ticket) {
    if (scope.isResident) return t.reporterId === scope.caller.userId || (t.roomId !== null && scope.roomIds.includes(t.roomId));
    if (!scope.canSeeCommunity(t.communityId)) return false;
    return scope.caller.roles.some((r) => DESK.includes(r)) || t.assigneeId === scope.caller.userId;
  }

  /** The detail view of what was loaded or written: no query. */
  view(scope: Scope, w: Written, now: Date): RepairDetail {
    const t = w.ticket;
    const caller = scope.caller;
    const names = w.names;
    const handles = scope.isResident || caller.roles.some((r) => DESK.includes(r)) || t.assigneeId === caller.userId;
    const actors = this.actors(scope, t);
    return {
      ...this.summary(t, w.communityName, w.clocks, names, now),
      contactName: t.contactName,
      contactPhone: handles ? t.contactPhone : maskPhone(t.contactPhone),
      preferredFrom: t.preferredFrom?.toISOString() ?? null,
      preferredTo: t.preferredTo?.toISOString() ?? null,
      agreedVisitAt: t.agreedVisitAt?.toISOString() ?? null,
      proposedVisitAt: t.proposedVisitAt?.toISOString() ?? null,
      proposedBy: t.proposedVisitAt ? t.proposedBy : null,
      completionNotes: completionNotes(w),
      dutyPhone: w.dutyPhone,
      technicianBusyAt: (w.technicianBusyAt ?? []).filter((d) => d.getTime() > now.getTime()).map((d) => d.toISOString()),
      visitMaxDays: this.cfg.VISIT_MAX_DAYS,
      holdReason: t.holdReason,
      cancelReason: t.cancelReason,
      freeOfCharge: t.freeOfCharge,
      charges: w.charges.map((c) => ({
        priceItemId: c.priceItemId,
        name: c.name,
        unit: c.unit,
        unitPriceCents: c.unitPriceCents,
        quantity: c.quantity,
        amountCents: c.amountCents,
      })),
      chargeTotalCents: t.chargeTotalCents,
      rating: t.rating,
      ratingComment: t.ratingComment,
      returnVisit: t.returnVisitAt ? { satisfied: !!t.returnVisitSatisfied, notes: t.returnVisitNotes, at: t.returnVisitAt.toISOString() } : null,
      photos: w.uploads.filter((u) => u.purpose === 'intake').map((u) => uploadView(u, this.signer, now)),
      completionPhotos: w.uploads.filter((u) => u.purpose === 'completion').map((u) => uploadView(u, this.signer, now)),
      clocks: w.clocks.map((c) => clockView(c, now)),
      timeline: w.events.map((e) => ({
        id: e.id,
        type: e.type,
        actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
        actorRole: e.actorRole,
        at: e.at.toISOString(),
        payload: e.payload,
        text: eventText(e.type, e.payload),
      })),
      actions: allowedRepairActions(t.status as RepairStatus, actors, { ...transitionOpts(t), rated: t.rating !== null }),
      ownerId: t.ownerId,
      ownerName: t.ownerId ? (names.get(t.ownerId) ?? null) : null,
    };
  }

  summary(t: Ticket, communityName: string, mine: SlaClock[], names: Map<number, string>, now: Date): RepairSummary {
    const next = nextClock(mine);
    return {
      id: t.id,
      no: t.no,
      communityId: t.communityId,
      communityName,
      roomId: t.roomId,
      location: t.location,
      category: t.category as RepairSummary['category'],
      emergency: t.emergency,
      tier: t.tier,
      status: t.status as RepairStatus,
      description: t.description,
      channel: t.channel as RepairSummary['channel'],
      assigneeId: t.assigneeId,
      assigneeName: t.assigneeId ? (names.get(t.assigneeId) ?? null) : null,
      nextClock: next ? clockView(next, now) : null,
      breached: mine.some((c) => clockView(c, now).breached),
      lastUrgedAt: t.lastUrgedAt?.toISOString() ?? null,
      receivedAt: t.receivedAt.toISOString(),
      version: t.version,
    };
  }
}

/** What the state machine needs of a repair besides its status. */
export function transitionOpts(t: Ticket): RepairTransitionOpts {
  return { heldFrom: t.heldFrom, emergency: !!t.emergency, proposedBy: t.proposedVisitAt ? t.proposedBy : null };
}

/** The technician's 完工说明: the notes of the latest completion (kept in its timeline event). */
function completionNotes(w: Written): string | null {
  const done = [...w.events].reverse().find((e) => e.type === 'completed');
  const notes = done?.payload?.notes;
  return typeof notes === 'string' && notes ? notes : null;
}

/** The clock a countdown shows: the earliest running one, else a paused one. */
function nextClock(clocks: SlaClock[]): SlaClock | null {
  const running = clocks.filter((c) => c.state === 'running').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return running[0] ?? clocks.find((c) => c.state === 'paused') ?? null;
}
