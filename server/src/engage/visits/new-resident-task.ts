import { EntityManager } from 'typeorm';
import { newResidentVisitDue } from '@linli/shared';
import { NewResidentVisit } from './entities/new-resident-visit.entity';

/**
 * Called inside the transaction that makes a binding active (staff approval, the owner's consent, a phone match):
 * one INSERT of the new resident's return-visit task, due a month later. The unique (room, user) index makes a
 * re-binding of the same person a no-op.
 */
export async function createNewResidentVisit(
  em: EntityManager,
  b: { id: number; companyId: number; communityId: number; roomId: number; userId: number },
  now: Date,
): Promise<void> {
  await em
    .createQueryBuilder()
    .insert()
    .into(NewResidentVisit)
    .values({
      companyId: b.companyId,
      communityId: b.communityId,
      roomId: b.roomId,
      userId: b.userId,
      bindingId: b.id,
      boundAt: now,
      dueAt: newResidentVisitDue(now),
      status: 'open',
      result: null,
      notes: null,
      visitedBy: null,
      visitedAt: null,
      createdAt: now,
      version: 1,
    })
    .orIgnore()
    .updateEntity(false)
    .execute();
}
