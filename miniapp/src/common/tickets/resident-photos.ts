import { useRef, useState } from 'react';
import type { UploadView } from '@linli/shared';
import { chooseImages, uploadFile } from '../upload';

/** A photo picked on a resident's form, uploaded as soon as it is chosen. */
export interface LocalPhoto {
  key: string;
  /** local temp path (weapp) / blob: URL (H5) */
  path: string;
  fileName?: string;
  upload?: UploadView;
  uploading?: boolean;
  failed?: boolean;
}

let photoSeq = 0;

/** The photos of a new 报修 / 投诉: pick, upload in order, remove, and the upload ids for the submit. */
export function useResidentPhotoUploads(max: number) {
  const [photos, setPhotos] = useState<LocalPhoto[]>([]);
  // uploads in flight, by photo key (the submit waits for them)
  const uploads = useRef(new Map<string, Promise<UploadView | null>>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  function patchPhoto(key: string, patch: Partial<LocalPhoto>) {
    setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  }

  /** Uploads one at a time, in the order chosen (the order the photos are shown to staff). */
  function startUpload(p: LocalPhoto): Promise<UploadView | null> {
    patchPhoto(p.key, { uploading: true, failed: false });
    const task: Promise<UploadView | null> = queue.current
      .then(() => {
        // removed while waiting its turn: don't upload it
        if (uploads.current.get(p.key) !== task) return null;
        return uploadFile(p.path, { fileName: p.fileName }).then((u) => {
          patchPhoto(p.key, { upload: u, uploading: false });
          return u;
        });
      })
      .catch(() => {
        patchPhoto(p.key, { uploading: false, failed: true });
        return null;
      });
    uploads.current.set(p.key, task);
    queue.current = task;
    return task;
  }

  async function addPhotos() {
    const chosen = await chooseImages(max - photos.length);
    const added: LocalPhoto[] = chosen.map((f) => ({ key: `p${++photoSeq}`, path: f.path, fileName: f.fileName, uploading: true }));
    setPhotos((list) => [...list, ...added].slice(0, max));
    added.forEach((p) => void startUpload(p));
  }

  function removePhoto(index: number) {
    const p = photos[index];
    if (p) uploads.current.delete(p.key);
    setPhotos((list) => list.filter((_, i) => i !== index));
  }

  /** Waits for uploads in flight and retries the ones that failed; null when one still fails. */
  async function uploadedIds(): Promise<number[] | null> {
    const ids: number[] = [];
    for (const p of photos) {
      let u = p.upload ?? (await uploads.current.get(p.key));
      if (!u) u = await startUpload(p);
      if (!u) return null;
      ids.push(u.id);
    }
    return ids;
  }

  return {
    photos,
    uploading: photos.some((p) => p.uploading),
    /** for PhotoGrid */
    gridPhotos: photos.map((p) => ({ id: p.key, url: p.path, uploading: p.uploading, failed: p.failed })),
    addPhotos,
    removePhoto,
    uploadedIds,
  };
}
