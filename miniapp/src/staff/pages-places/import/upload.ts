import type { ImportJobView } from '@linli/shared';
import { ApiError, api } from '@common/api';
import { API_BASE } from '@common/env';
import type { PickedFile } from '@common/table-file';
import { postFile } from '@common/upload';

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
