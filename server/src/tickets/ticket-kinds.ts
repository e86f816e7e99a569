import { type Channel, CHANNEL_LABELS, type ComplaintKind } from '@linli/shared';

/** What a `tickets` row is: a repair (its own policy in repairs/) or one of the complaints desk's four kinds. */
export type TicketKind = 'repair' | ComplaintKind;

/**
 * Intake channels. Repairs use the shared `Channel`; the complaints desk also takes paper from the suggestion box
 * (意见箱), email, and what residents raise during a return visit (回访) — DOMAIN.md "Intake".
 * (To move into shared/src/api with the complaints contract.)
 */
export const DESK_ONLY_CHANNELS = ['suggestion_box', 'email', 'return_visit'] as const;
export type DeskOnlyChannel = (typeof DESK_ONLY_CHANNELS)[number];
export type TicketChannel = Channel | DeskOnlyChannel;

export const TICKET_CHANNEL_LABELS: Record<TicketChannel, string> = {
  ...CHANNEL_LABELS,
  suggestion_box: '意见箱',
  email: '邮件',
  return_visit: '回访',
};
