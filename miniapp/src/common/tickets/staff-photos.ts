import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { PhotoItem } from '../repairs';
import { uploadFile } from '../upload';

export const MAX_STAFF_PHOTOS = 9;
/** a photo still uploading after this is marked failed (H5: a blocked blob: read never settles) */
const UPLOAD_GIVE_UP_MS = 60_000;

interface DraftPhoto {
  key: string;
  path: string;
  uploadId?: number;
  uploading: boolean;
  failed: boolean;
}

/** The photos of a staff action panel (完工, 答复): pick, upload at once (`oneByOne`: in the chosen order), remove. */
export function useStaffPhotoDrafts(oneByOne = false) {
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const seq = useRef(0);

  function patch(key: string, p: Partial<DraftPhoto>) {
    setPhotos((list) => list.map((x) => (x.key === key ? { ...x, ...p } : x)));
  }

  async function upload({ key, path, fileName }: { key: string; path: string; fileName?: string }) {
    try {
      const up = await Promise.race([
        uploadFile(path, { fileName, timeout: UPLOAD_GIVE_UP_MS }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('图片上传超时')), UPLOAD_GIVE_UP_MS + 5000)),
      ]);
      patch(key, { uploadId: up.id, uploading: false });
    } catch {
      patch(key, { uploading: false, failed: true });
    }
  }

  async function add() {
    let res: Taro.chooseImage.SuccessCallbackResult;
    try {
      res = await Taro.chooseImage({ count: MAX_STAFF_PHOTOS - photos.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    } catch {
      return; // picker closed
    }
    const files = (res.tempFiles ?? []) as (Taro.chooseImage.ImageFile & { originalFileObj?: { name?: string } })[];
    const picked = res.tempFilePaths.slice(0, MAX_STAFF_PHOTOS - photos.length).map((path, i) => ({
      key: `p${++seq.current}`,
      path,
      fileName: files[i]?.originalFileObj?.name,
    }));
    setPhotos((list) => [...list, ...picked.map(({ key, path }) => ({ key, path, uploading: true, failed: false }))]);
    if (oneByOne) for (const p of picked) await upload(p);
    else await Promise.all(picked.map(upload));
  }

  return {
    add,
    remove: (index: number) => setPhotos((list) => list.filter((_, j) => j !== index)),
    /** for PhotoGrid */
    gridItems: photos.map((p): PhotoItem => ({ id: p.key, url: p.path, uploading: p.uploading, failed: p.failed })),
    /** why the panel cannot be submitted yet, or null */
    problem: (): string | null => {
      if (photos.some((p) => p.uploading)) return '照片上传中，请稍候';
      if (photos.some((p) => p.failed)) return '有照片上传失败，请删除后重试';
      return null;
    },
    ids: () => photos.map((p) => p.uploadId).filter((id): id is number => typeof id === 'number'),
  };
}

export type StaffPhotoDrafts = ReturnType<typeof useStaffPhotoDrafts>;
