import { cutUtf16, PassStatus } from '@linli/shared';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { NotifyService } from '../notify/notify.service';
import { Pass } from './entities/pass.entity';

/** A reviewer's decision on a pass still in review at the version they saw; anything else is a 409. */
export async function decideInReview(em: EntityManager, p: Pass, set: Partial<Pass>, now: Date): Promise<void> {
  const r = await em
    .createQueryBuilder()
    .update(Pass)
    .set({ ...set, updatedAt: now, version: () => 'version + 1' })
    .where({ id: p.id, version: p.version, status: PassStatus.Review })
    .execute();
  if (r.affected !== 1) throw AppError.versionConflict();
}

/** The holder's 审核结果 notice (none for passes without an account holder). */
export async function tellDecision(
  notify: NotifyService,
  em: EntityManager,
  p: Pick<Pass, 'id' | 'companyId' | 'communityId' | 'holderUserId' | 'version'>,
  title: string,
  body: string,
  wx: Record<string, string | Date>,
  at: Date,
): Promise<void> {
  if (p.holderUserId === null) return;
  await notify.enqueue(em, {
    companyId: p.companyId,
    communityId: p.communityId,
    key: `pass:${p.id}:decided:${p.version + 1}`,
    recipients: [p.holderUserId],
    app: 'resident',
    msg: { template: 'pass_decided', title, body: cutUtf16(body, 200), link: `/passes/${p.id}`, wx: { ...wx, phrase2: title.slice(-3), time3: at } },
    at,
  });
}
