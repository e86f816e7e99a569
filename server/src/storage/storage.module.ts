import { Global, Module } from '@nestjs/common';
import { FileStore, LocalFileStore, UploadSigner } from './storage.service';
import { UploadQuota } from './upload-quota';
import { UploadsCleanupJob } from './uploads-cleanup.job';
import { UploadsController } from './uploads.controller';

@Global()
@Module({
  controllers: [UploadsController],
  providers: [{ provide: FileStore, useClass: LocalFileStore }, UploadSigner, UploadQuota, UploadsCleanupJob],
  exports: [FileStore, UploadSigner, UploadsCleanupJob],
})
export class StorageModule {}
