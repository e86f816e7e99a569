import { Injectable } from '@nestjs/common';
import { IntervalJob } from '../../common/interval-job';
import { AppConfig } from '../../config/app-config';
import { RoomImportService } from './room-import.service';

/** Picks up room imports no runner holds: after a restart, or on an instance other than the one that took the upload. */
@Injectable()
export class RoomImportJob extends IntervalJob {
  constructor(
    private readonly imports: RoomImportService,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    await this.imports.resumeAll();
  }
}
