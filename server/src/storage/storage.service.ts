import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { AppConfig } from '../config/app-config';

/** Where files live. Local disk under DATA_DIR/uploads by default; an object store implements the same three calls. */
export abstract class FileStore {
  abstract put(key: string, data: Readable): Promise<number>;
  abstract get(key: string): Readable;
  abstract remove(key: string): Promise<void>;
}

@Injectable()
export class LocalFileStore extends FileStore {
  private readonly root: string;
  constructor(cfg: AppConfig) {
    super();
    this.root = path.resolve(cfg.DATA_DIR, 'uploads');
  }
  async put(key: string, data: Readable) {
    const file = path.join(this.root, key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await pipeline(data, fs.createWriteStream(file));
    return (await fs.promises.stat(file)).size;
  }
  get(key: string) {
    return fs.createReadStream(path.join(this.root, key));
  }
  async remove(key: string) {
    await fs.promises.rm(path.join(this.root, key), { force: true });
  }
}

/**
 * Image URLs carry a short-lived signature (an <img> or a mini-program <Image> cannot send the bearer token):
 * the server signs them only when it shows the file to someone who may see it.
 */
@Injectable()
export class UploadSigner {
  constructor(private readonly cfg: AppConfig) {}

  static newKey(ext: string, at: Date) {
    return `${at.toISOString().slice(0, 7)}/${randomBytes(16).toString('hex')}.${ext}`;
  }

  url(id: number, now: Date, ttlSeconds = 3600) {
    const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
    return `/api/uploads/${id}/content?exp=${exp}&sig=${this.sign(id, exp)}`;
  }

  verify(id: number, exp: number, sig: string, now: Date) {
    if (!Number.isFinite(exp) || exp * 1000 < now.getTime()) return false;
    const want = Buffer.from(this.sign(id, exp));
    const got = Buffer.from(String(sig));
    return want.length === got.length && timingSafeEqual(want, got);
  }

  private sign(id: number, exp: number) {
    return createHmac('sha256', this.cfg.JWT_SECRET).update(`upload:${id}:${exp}`).digest('base64url');
  }
}

/** What the uploads API accepts: the images, and PDF (an insurance policy, a lease). */
export function sniffUpload(head: Buffer): { mime: string; ext: string } | null {
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return { mime: 'application/pdf', ext: 'pdf' };
  return sniffImage(head);
}

/** Image types accepted, by their first bytes: the client's declared type is not trusted. */
export function sniffImage(head: Buffer): { mime: string; ext: string } | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { mime: 'image/png', ext: 'png' };
  if (head.length >= 6 && /^GIF8[79]a$/.test(head.subarray(0, 6).toString('latin1'))) return { mime: 'image/gif', ext: 'gif' };
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP')
    return { mime: 'image/webp', ext: 'webp' };
  if (head.length >= 12 && head.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|mif1|msf1|hevc)$/.test(head.subarray(8, 12).toString('latin1')))
    return { mime: 'image/heic', ext: 'heic' };
  return null;
}
