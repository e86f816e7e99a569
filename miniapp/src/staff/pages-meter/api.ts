import { useState } from 'react';
import type { BuildingView, FeeItemView, MeterImportReport, MeterReadingView, MeterSheetView } from '@linli/shared';
import { formatE2, periodOf, shanghaiDate, shiftPeriod } from '@linli/shared';
import { ApiError, api, newIdempotencyKey, qs, request } from '@common/api';
import { API_BASE } from '@common/env';
import { parseJson, postFile } from '@common/upload';

/** 抄表 calls (silent: the pages show their own errors). */
export const meters = {
  items: (communityId: number) => api.get<FeeItemView[]>(`/api/fees/meter-items${qs({ communityId })}`, { silent: true }),
  buildings: (communityId: number) => api.get<BuildingView[]>(`/api/org/communities/${communityId}/buildings`, { silent: true }),
  sheet: (buildingId: number, feeItemId: number, period: string) =>
    api.get<MeterSheetView>(`/api/fees/meter-sheet${qs({ buildingId, feeItemId, period })}`, { silent: true }),
  enter: (body: Record<string, unknown>) =>
    request<MeterReadingView>('POST', '/api/fees/meter-readings', body, { idempotencyKey: newIdempotencyKey(), silent: true }),
  held: (communityId: number) => api.get<MeterReadingView[]>(`/api/fees/meter-readings${qs({ communityId, status: 'held' })}`, { silent: true }),
  approve: (id: number, version: number) => api.post<MeterReadingView>(`/api/fees/meter-readings/${id}/approve`, { version }, { silent: true }),
};

/** Uploads a CSV / .xlsx of readings → the row-by-row report. */
export async function importReadings(q: { communityId: number; feeItemId: number; period: string }, picked: { name: string; file?: File; path?: string }) {
  await api.get('/api/me', { silent: true }); // a fresh access token before the upload
  const res = await postFile(`${API_BASE}/api/fees/meter-imports${qs(q)}`, { file: picked.file, path: picked.path, fileName: picked.name }, 120_000).catch(
    () => null,
  );
  if (!res) throw new ApiError({ code: 'SERVICE_UNAVAILABLE', message: '网络异常，请检查网络后重试' }, 0);
  const data = parseJson(res.data) as (MeterImportReport & { code?: string; message?: string }) | null;
  if (res.statusCode >= 200 && res.statusCode < 300 && data) return data as MeterImportReport;
  throw new ApiError({ code: (data?.code ?? 'BAD_REQUEST') as never, message: data?.message ?? '导入失败，请重试' }, res.statusCode);
}

/** The months a reader picks from: this month and the two before; last month by default (read at month end). */
export function usePeriodChoice(): [string[], string, (p: string) => void] {
  const now = periodOf(shanghaiDate(new Date()), 'month');
  const options = [shiftPeriod(now, -2), shiftPeriod(now, -1), now];
  const [period, setPeriod] = useState(options[1]);
  return [options, period, setPeriod];
}

export const e2 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatE2(v));
