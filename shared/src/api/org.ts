export interface CommunityView {
  id: number;
  companyId: number;
  name: string;
  code: string;
  address: string | null;
  /** YYYY-MM-DD, Asia/Shanghai */
  handoverDate: string | null;
}
export interface BuildingView {
  id: number;
  communityId: number;
  name: string;
}
export interface UnitView {
  id: number;
  buildingId: number;
  name: string;
}
export interface RoomView {
  id: number;
  communityId: number;
  buildingId: number;
  unitId: number;
  /** room number, e.g. 1201 */
  name: string;
  floor: number | null;
  /** m² × 100 (integer, e.g. 8956 = 89.56 m²) */
  areaCenti: number | null;
  /** "3栋2单元1201" */
  label: string;
}
/** Staff view of a room also carries the owner on record (phone masked). */
export interface RoomStaffView extends RoomView {
  ownerName: string | null;
  ownerPhoneMasked: string | null;
}

export interface CreateCommunityRequest {
  name: string;
  code: string;
  address?: string;
  handoverDate?: string;
}
export interface CreateBuildingRequest {
  communityId: number;
  name: string;
}
export interface CreateUnitRequest {
  buildingId: number;
  name: string;
}
export interface CreateRoomRequest {
  unitId: number;
  name: string;
  floor?: number;
  areaCenti?: number;
  ownerName?: string;
  ownerPhone?: string;
}

/**
 * POST /api/admin/communities/:id/rooms/import — body is CSV text (Content-Type text/csv) with header
 * `building,unit,room,floor,area,owner_name,owner_phone`; buildings and units are created as needed.
 */
export interface RoomImportResult {
  created: number;
  updated: number;
  buildingsCreated: number;
  unitsCreated: number;
  errors: { line: number; message: string }[];
}

/** GET /api/admin/staff?q= (name, username or full phone), POST, PATCH /api/admin/staff/:id */
export interface StaffView {
  id: number;
  username: string;
  name: string;
  roles: string[];
  phoneMasked: string | null;
  communityIds: number[];
  active: boolean;
  /** still on an initial password (created or reset by an admin) */
  mustChangePassword: boolean;
  /** locked by failed logins until this time (ISO), or null */
  lockedUntil: string | null;
  version: number;
  /** create only, and only when the server chose it: shown once to the admin, never stored in clear */
  initialPassword?: string;
}
/** POST /api/admin/staff — without `password` the server chooses an initial one (answered once as initialPassword). */
export interface CreateStaffRequest {
  username: string;
  password?: string;
  name: string;
  roles: string[];
  phone?: string;
  communityIds: number[];
}
/** PATCH /api/admin/staff/:id — any of the fields; `version` from StaffView (409 when someone changed it since). */
export interface UpdateStaffRequest {
  version?: number;
  name?: string;
  roles?: string[];
  /** '' clears it */
  phone?: string;
  communityIds?: number[];
  active?: boolean;
}
/** POST /api/admin/staff/:id/reset-password — a new initial password, shown once; forced change at next login. */
export interface ResetPasswordResponse {
  initialPassword: string;
}

/**
 * GET /api/staff/residents?q= — residents of the caller's communities, phone masked. A search also finds owners on
 * record (a room's owner name / phone) who have no account yet: `registered: false`, `id: null`, their rooms with
 * relation `owner` and status `unregistered`; POST /api/staff/rooms/:roomId/owner-phone reveals their number.
 */
export interface ResidentStaffView {
  id: number | null;
  registered: boolean;
  name: string;
  phoneMasked: string | null;
  rooms: { roomId: number; label: string; relation: string; status: string }[];
}
/** POST /api/staff/residents/:id/phone — reveals the full number; audited. */
export interface RevealPhoneResponse {
  phone: string | null;
}
