import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ParkingPassView, PassKind, PassStatus } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { ScopeService } from '../../common/scope';
import { Room } from '../../org/entities/room.entity';
import { UploadSigner } from '../../storage/storage.service';
import { Upload } from '../../storage/upload.entity';
import { uploadView } from '../../storage/uploads.controller';
import { Pass } from '../entities/pass.entity';
import { detailsOf, LoadedPass, passQuery } from '../pass-queue-rows';
import { ParkingDetails } from './parking-details';
import { parkingView } from './parking-views';

const PAGE = 100;

/** Parking passes as residents (their rooms') and staff (the review queue) list them: ≤ 2 statements. */
@Injectable()
export class ParkingReadService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly signer: UploadSigner,
  ) {}

  view(p: Pass & { room?: Room; clock?: LoadedPass['clock'] }, roomLabel: string, insurance: Upload | null, now: Date, forHolder: boolean): ParkingPassView {
    const loaded = Object.assign(p, { room: p.room ?? ({ label: roomLabel } as Room), clock: p.clock ?? null }) as LoadedPass;
    return parkingView(loaded, insurance ? uploadView(insurance, this.signer, now) : null, forHolder);
  }

  insuranceOf(em: EntityManager, id: number): Promise<Upload | null> {
    return em.findOneBy(Upload, { id });
  }

  /** The caller's rooms' parking passes, newest first. */
  async mine(c: Caller): Promise<ParkingPassView[]> {
    const scope = await this.scopes.resolve(c);
    if (!scope.roomIds.length) return [];
    const rows = (await passQuery(this.ds.manager, PassKind.Parking)
      .andWhere('p.companyId = :co AND p.roomId IN (:...rooms)', { co: c.companyId, rooms: scope.roomIds })
      .orderBy('p.id', 'DESC')
      .limit(PAGE)
      .getMany()) as LoadedPass[];
    return this.views(rows, true);
  }

  /** The staff queue of a community: parking passes in review, the oldest clock first. */
  async queue(c: Caller, communityId: number): Promise<ParkingPassView[]> {
    const scope = await this.scopes.resolve(c);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const rows = (await passQuery(this.ds.manager, PassKind.Parking)
      .andWhere('p.companyId = :co AND p.communityId = :cid AND p.status = :st', { co: c.companyId, cid: communityId, st: PassStatus.Review })
      .orderBy('p.updatedAt', 'ASC')
      .limit(PAGE)
      .getMany()) as LoadedPass[];
    return this.views(rows, false);
  }

  private async views(rows: LoadedPass[], forHolder: boolean): Promise<ParkingPassView[]> {
    const now = this.clock.now();
    const ids = [...new Set(rows.map((p) => detailsOf<ParkingDetails>(p).insuranceUploadId))];
    const uploads = ids.length ? await this.ds.manager.findBy(Upload, { id: In(ids) }) : [];
    const byId = new Map(uploads.map((u) => [u.id, u]));
    return rows.map((p) => this.view(p, p.room.label, byId.get(detailsOf<ParkingDetails>(p).insuranceUploadId) ?? null, now, forHolder));
  }
}
