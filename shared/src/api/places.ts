import type { BuildingView, CommunityView, RoomView, UnitView } from './org';

/**
 * 小区与房屋 (admin): the places of the company with their state. Deactivated places stay on record (tickets and
 * bindings keep pointing at them) but leave the residents' pickers.
 */
export interface PlaceCommunityView extends CommunityView {
  active: boolean;
  version: number;
}
export interface PlaceBuildingView extends BuildingView {
  active: boolean;
  version: number;
}
export interface PlaceUnitView extends UnitView {
  active: boolean;
  version: number;
}
/** Admins keep the owner record, so they get the full number. */
export interface PlaceRoomView extends RoomView {
  ownerName: string | null;
  ownerPhone: string | null;
  active: boolean;
  version: number;
}

export interface UpdateCommunityRequest {
  version: number;
  name?: string;
  address?: string | null;
  handoverDate?: string | null;
  active?: boolean;
}
export interface UpdatePlaceRequest {
  version: number;
  name?: string;
  active?: boolean;
}
export interface UpdateRoomRequest {
  version: number;
  name?: string;
  floor?: number | null;
  areaCenti?: number | null;
  ownerName?: string | null;
  ownerPhone?: string | null;
  active?: boolean;
}

export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed';
export const IMPORT_JOB_STATUS_LABELS: Record<ImportJobStatus, string> = {
  queued: '排队中',
  running: '导入中',
  done: '已完成',
  failed: '导入失败',
};

/** Columns of a room import file (CSV or .xlsx, first sheet), in order; the header may be English or Chinese. */
export const ROOM_IMPORT_COLUMNS = ['building', 'unit', 'room', 'floor', 'area', 'owner_name', 'owner_phone'] as const;
export type RoomImportField = (typeof ROOM_IMPORT_COLUMNS)[number];
export const ROOM_IMPORT_FIELD_LABELS: Record<RoomImportField, string> = {
  building: '楼栋',
  unit: '单元',
  room: '房号',
  floor: '楼层',
  area: '面积',
  owner_name: '业主姓名',
  owner_phone: '业主手机',
};

/** One problem in one row of the file: `row` is the spreadsheet row number (the header is row 1). */
export interface ImportRowError {
  row: number;
  field: RoomImportField | null;
  message: string;
}

/**
 * POST /api/admin/communities/:id/room-imports (multipart `file`, .csv or .xlsx) → 202 with the job; poll
 * GET /api/admin/room-imports/:id. Good rows are written, bad rows reported; re-importing a file updates the rooms
 * it names in place (one room per unit and number), so it never duplicates.
 */
export interface ImportJobView {
  id: number;
  communityId: number;
  fileName: string;
  status: ImportJobStatus;
  /** rows to write (the good rows) */
  total: number;
  processed: number;
  /** 0–100 */
  percent: number;
  created: number;
  updated: number;
  buildingsCreated: number;
  unitsCreated: number;
  errorCount: number;
  /** the first 500 problems, in row order */
  errors: ImportRowError[];
  createdAt: string;
  finishedAt: string | null;
}
