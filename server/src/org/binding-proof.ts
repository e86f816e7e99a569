import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { ErrorCode, maskPhone, MAX_LEASE_PHOTOS, UploadView } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { NotifyService } from '../notify/notify.service';
import { UploadSigner } from '../storage/storage.service';
import { Upload } from '../storage/upload.entity';
import { uploadView } from '../storage/uploads.controller';
import { RoomBinding } from './entities/room-binding.entity';

export const BINDING_SUBJECT = 'room_binding';
const LEASE = 'lease';

/**
 * What backs a tenant's binding: the consent of the room's owner in the app (asked with an inbox notification that
 * shows the tenant's name and masked phone only) or photos of the lease, attached from the tenant's uploads.
 */
@Injectable()
export class BindingProof {
  constructor(
    private readonly notify: NotifyService,
    private readonly signer: UploadSigner,
  ) {}

  /** The room's approved owners in the app (not the applicant). */
  async ownersInApp(em: EntityManager, roomId: number, except: number): Promise<number[]> {
    const rows = await em.find(RoomBinding, { where: { roomId, relation: 'owner', status: 'approved' }, select: { userId: true } });
    return [...new Set(rows.map((r) => r.userId))].filter((id) => id !== except);
  }

  async isOwner(em: EntityManager, userId: number, roomId: number): Promise<boolean> {
    return em.existsBy(RoomBinding, { userId, roomId, relation: 'owner', status: 'approved' });
  }

  /** Attaches the caller's free uploads as the binding's lease; only while still free (one of two racing requests wins). */
  async attachLease(em: EntityManager, caller: Caller, ids: number[], bindingId: number): Promise<void> {
    const unique = [...new Set(ids)];
    if (!unique.length) return;
    if (unique.length > MAX_LEASE_PHOTOS) throw AppError.badRequest(`租赁合同照片最多 ${MAX_LEASE_PHOTOS} 张`);
    const res = await em
      .createQueryBuilder()
      .update(Upload)
      .set({ subjectType: BINDING_SUBJECT, subjectId: bindingId, purpose: LEASE })
      .where({ id: In(unique), uploaderId: caller.userId, companyId: caller.companyId, subjectId: IsNull() })
      .execute();
    if (res.affected !== unique.length) throw new AppError(400, ErrorCode.InvalidUpload, '租赁合同照片无效或已被使用，请重新上传');
  }

  /** The lease photos per binding. */
  async leases(em: EntityManager, bindingIds: number[]): Promise<Map<number, Upload[]>> {
    const out = new Map<number, Upload[]>();
    if (!bindingIds.length) return out;
    const rows = await em.find(Upload, { where: { subjectType: BINDING_SUBJECT, subjectId: In(bindingIds), purpose: LEASE }, order: { id: 'ASC' } });
    for (const u of rows) out.set(u.subjectId!, [...(out.get(u.subjectId!) ?? []), u]);
    return out;
  }

  leaseViews(rows: Upload[] | undefined, now: Date): UploadView[] {
    return (rows ?? []).map((u) => uploadView(u, this.signer, now));
  }

  /** Tells the owners (inbox; the outbox path adds WeChat only for subscribable templates, which this is not). */
  async askOwners(
    em: EntityManager,
    b: RoomBinding,
    owners: number[],
    tenant: { name: string; phone: string | null },
    where: { roomLabel: string; communityName: string },
    at: Date,
  ): Promise<void> {
    const phone = maskPhone(tenant.phone);
    await this.notify.enqueue(em, {
      companyId: b.companyId,
      communityId: b.communityId,
      key: `binding:${b.id}:consent`,
      recipients: owners,
      app: 'resident',
      msg: {
        template: 'binding_consent',
        title: '租户绑定待您确认',
        body: `${tenant.name}${phone ? `（${phone}）` : ''}申请以租户身份绑定 ${where.communityName} ${where.roomLabel}，请确认是否同意。`,
        link: '/bindings/consents',
        wx: {},
      },
      at,
    });
  }
}
