import { describe, expect, it } from '@jest/globals';
import { Ticket } from '../entities/ticket.entity';
import { TicketReply } from '../entities/ticket-reply.entity';
import { ComplaintRecord } from './entities/complaint-record.entity';
import { utc } from '../../common/sql-time';
import { snapshotOf } from './complaint-load';

describe('complaint load: values read out of the JSON aggregates', () => {
  it('reads a datetime as either driver renders it inside JSON, as UTC', () => {
    expect(utc('2026-11-23 02:00:00.123')!.toISOString()).toBe('2026-11-23T02:00:00.123Z');
    expect(utc('2026-11-23T02:00:00.000Z')!.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(utc(new Date('2026-11-23T02:00:00Z'))!.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(utc(null)).toBeNull();
  });

  it('derives the duties done from the records and the staff replies (the system acknowledgement and residents do not count)', () => {
    const t = Object.assign(new Ticket(), { kind: 'complaint', status: 'processing', complaintClass: 2, category: 'house_quality', rating: null });
    const reply = (authorId: number | null, authorRole: string) => Object.assign(new TicketReply(), { authorId, authorRole });
    const record = Object.assign(new ComplaintRecord(), { type: 'developer_contact' });
    expect(snapshotOf({ t, records: [], replies: [reply(null, 'system'), reply(7, 'resident')] }).done).toEqual([]);
    expect(snapshotOf({ t, records: [record], replies: [reply(3, 'agent')] }).done).toEqual(['record_developer_contact', 'reply']);
  });
});
