import {
  BindingView,
  BuildingView,
  CommunityView,
  maskPhone,
  PlaceBuildingView,
  PlaceCommunityView,
  PlaceRoomView,
  PlaceUnitView,
  RoomStaffView,
  RoomView,
  UnitView,
} from '@linli/shared';
import { Building } from './entities/building.entity';
import { Community } from './entities/community.entity';
import { Room } from './entities/room.entity';
import { RoomBinding } from './entities/room-binding.entity';
import { Unit } from './entities/unit.entity';

export const communityView = (c: Community): CommunityView => ({
  id: c.id,
  companyId: c.companyId,
  name: c.name,
  code: c.code,
  address: c.address,
  handoverDate: c.handoverDate,
});
export const buildingView = (b: Building): BuildingView => ({ id: b.id, communityId: b.communityId, name: b.name });
export const unitView = (u: Unit): UnitView => ({ id: u.id, buildingId: u.buildingId, name: u.name });
export const roomView = (r: Room): RoomView => ({
  id: r.id,
  communityId: r.communityId,
  buildingId: r.buildingId,
  unitId: r.unitId,
  name: r.name,
  floor: r.floor,
  areaCenti: r.areaCenti,
  label: r.label,
});
export const roomStaffView = (r: Room): RoomStaffView => ({ ...roomView(r), ownerName: r.ownerName, ownerPhoneMasked: maskPhone(r.ownerPhone) });

export const placeCommunityView = (c: Community): PlaceCommunityView => ({ ...communityView(c), active: !!c.active, version: c.version });
export const placeBuildingView = (b: Building): PlaceBuildingView => ({ ...buildingView(b), active: !!b.active, version: b.version });
export const placeUnitView = (u: Unit): PlaceUnitView => ({ ...unitView(u), active: !!u.active, version: u.version });
/** Admins only: they keep the owner record. */
export const placeRoomView = (r: Room): PlaceRoomView => ({
  ...roomView(r),
  ownerName: r.ownerName,
  ownerPhone: r.ownerPhone,
  active: !!r.active,
  version: r.version,
});

/** A binding as its holder sees it; the room label and community name come from whatever query loaded them. */
export const bindingView = (b: RoomBinding, roomLabel: string | null | undefined, communityName: string | null | undefined, leaseCount = 0): BindingView => ({
  id: b.id,
  roomId: b.roomId,
  roomLabel: roomLabel ?? '',
  communityId: b.communityId,
  communityName: communityName ?? '',
  relation: b.relation,
  status: b.status,
  verifiedBy: b.verifiedBy,
  ownerConsent: b.ownerConsent ?? null,
  leaseCount,
  rejectReason: b.rejectReason,
  createdAt: b.createdAt.toISOString(),
  decidedAt: b.decidedAt?.toISOString() ?? null,
  version: b.version,
});
