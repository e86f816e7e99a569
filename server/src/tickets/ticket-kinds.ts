import type { ComplaintKind } from '@linli/shared';

/** What a `tickets` row is: a repair (its own policy in repairs/) or one of the complaints desk's four kinds. */
export type TicketKind = 'repair' | ComplaintKind;

/* The intake channels (TicketChannel, DESK_ONLY_CHANNELS, TICKET_CHANNEL_LABELS) live in @linli/shared (api/complaints.ts). */
