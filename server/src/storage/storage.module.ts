import { Global, Module } from '@nestjs/common';
import { FileStore, LocalFileStore, UploadSigner } from './storage.service';
import { UploadsController } from './uploads.controller';

@Global()
@Module({
  controllers: [UploadsController],
  providers: [{ provide: FileStore, useClass: LocalFileStore }, UploadSigner],
  exports: [FileStore, UploadSigner],
})
export class StorageModule {}
