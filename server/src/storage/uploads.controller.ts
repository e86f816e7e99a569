import { Controller, Get, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Readable } from 'node:stream';
import { ErrorCode, UploadView } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller, CurrentCaller, Public } from '../common/caller';
import { Clock } from '../common/clock';
import { IdPipe } from '../common/id.pipe';
import { RetryAfterInterceptor } from '../common/retry-after';
import { FileStore, sniffImage, sniffUpload, UploadSigner } from './storage.service';
import { UploadQuota } from './upload-quota';
import { Upload } from './upload.entity';
import { ApiDoc, ref } from '../common/openapi/api-doc';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export function uploadView(u: Upload, signer: UploadSigner, now: Date): UploadView {
  return { id: u.id, url: signer.url(u.id, now), mime: u.mime, size: u.size };
}

@ApiTags('uploads')
@Controller('api/uploads')
export class UploadsController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly store: FileStore,
    private readonly signer: UploadSigner,
    private readonly clock: Clock,
    private readonly quota: UploadQuota,
  ) {}

  /** One image per request (multipart field `file`). It stays private to the uploader until a ticket references it. */
  @ApiDoc('上传照片（multipart，字段 file）', ref('UploadView'), 201)
  @Post()
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(RetryAfterInterceptor)
  @ApiQuery({ name: 'accept', required: false, enum: ['document'], description: 'document：也接受 PDF（保险单、合同）' })
  async upload(
    @CurrentCaller() c: Caller,
    @Query('accept') accept: string | undefined,
    @Req() req: { isMultipart?: () => boolean; file: () => Promise<{ file: { truncated: boolean }; toBuffer(): Promise<Buffer> } | undefined> },
  ): Promise<UploadView> {
    if (!req.isMultipart?.()) throw new AppError(415, ErrorCode.UnsupportedMediaType, '请以 multipart/form-data 上传文件');
    await this.quota.assertAllowed(c, 0);
    let data: Buffer;
    try {
      const part = await req.file();
      if (!part) throw new AppError(400, ErrorCode.InvalidUpload, '没有收到文件');
      data = await part.toBuffer();
      // toBuffer() misses the limit when it falls on a chunk boundary and hands back the first 10 MB;
      // busboy has marked the stream truncated by the time it ends, so that is the check that holds
      if (part.file.truncated) throw new AppError(413, ErrorCode.InvalidUpload, '图片不能超过 10 MB');
    } catch (e) {
      if (e instanceof AppError) throw e;
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, ErrorCode.InvalidUpload, '图片不能超过 10 MB');
      throw new AppError(400, ErrorCode.InvalidUpload);
    }
    const kind = accept === 'document' ? sniffUpload(data.subarray(0, 16)) : sniffImage(data.subarray(0, 16));
    if (!kind) throw new AppError(415, ErrorCode.InvalidUpload);
    await this.quota.assertAllowed(c, data.length);
    const now = this.clock.now();
    const key = UploadSigner.newKey(kind.ext, now);
    const size = await this.store.put(key, Readable.from(data));
    const row = await this.ds.getRepository(Upload).save(
      this.ds.getRepository(Upload).create({
        companyId: c.companyId,
        uploaderId: c.userId,
        subjectType: null,
        subjectId: null,
        purpose: null,
        storageKey: key,
        mime: kind.mime,
        size,
        createdAt: now,
      }),
    );
    return uploadView(row, this.signer, now);
  }

  /** The bytes, for a signed URL handed out by a view the caller was allowed to see. */
  @ApiDoc('照片内容（签名链接）', { type: 'string', format: 'binary' }, 200, '图片')
  @Get(':id/content')
  @Public()
  async content(@Param('id', IdPipe) id: number, @Query('exp') exp: string, @Query('sig') sig: string, @Res() reply: any) {
    if (!this.signer.verify(id, Number(exp), sig ?? '', this.clock.now())) throw AppError.notFound('图片');
    const u = await this.ds.getRepository(Upload).findOneBy({ id });
    if (!u) throw AppError.notFound('图片');
    reply.header('content-type', u.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff');
    return reply.send(this.store.get(u.storageKey));
  }
}
