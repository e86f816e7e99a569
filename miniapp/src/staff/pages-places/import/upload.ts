import Taro from '@tarojs/taro';
import type { ImportJobView } from '@linli/shared';
import { ApiError, api } from '@common/api';
import { API_BASE, IS_H5 } from '@common/env';
import { postFile } from '@common/upload';

export interface PickedFile {
  name: string;
  /** H5: the File; weapp: the temp path from chooseMessageFile */
  file?: File;
  path?: string;
}

/** A .csv / .xlsx from the phone (weapp: a file from a chat) or the computer (H5). Null when cancelled. */
export function pickTableFile(): Promise<PickedFile | null> {
  if (!IS_H5) {
    return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] })
      .then((r) => ({ name: r.tempFiles[0].name, path: r.tempFiles[0].path }))
      .catch(() => null);
  }
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.className = 'e2e-file-input';
    input.style.display = 'none';
    input.onchange = () => {
      const f = input.files?.[0];
      input.remove();
      resolve(f ? { name: f.name, file: f } : null);
    };
    document.body.appendChild(input);
    input.click();
  });
}

function result(status: number, data: unknown): ImportJobView {
  if (status >= 200 && status < 300 && data && typeof data === 'object') return data as ImportJobView;
  const body = data as { code?: string; message?: string; details?: unknown } | null;
  throw new ApiError(
    body?.code && body.message
      ? { code: body.code as never, message: body.message, details: body.details }
      : { code: 'BAD_REQUEST', message: '上传失败，请重试' },
    status,
  );
}

/** POST the file as multipart (field `file`) → the import job (202). */
export async function startImport(communityId: number, picked: PickedFile): Promise<ImportJobView> {
  await api.get('/api/me', { silent: true }); // a fresh access token before a long upload
  const url = `${API_BASE}/api/admin/communities/${communityId}/room-imports`;
  const res = await postFile(url, { file: picked.file, path: picked.path, fileName: picked.name }, 120_000).catch(() => null);
  if (!res) throw new ApiError({ code: 'SERVICE_UNAVAILABLE', message: '网络异常，请检查网络后重试' }, 0);
  return result(res.statusCode, res.data);
}
