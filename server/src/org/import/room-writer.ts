import { EntityManager, In } from 'typeorm';
import { Building } from '../entities/building.entity';
import { Community } from '../entities/community.entity';
import { Room } from '../entities/room.entity';
import { Unit } from '../entities/unit.entity';
import { roomLabel } from '../room-label';
import { RoomRow } from './room-rows';

export interface WriteCounts {
  created: number;
  updated: number;
  buildingsCreated: number;
  unitsCreated: number;
}

/**
 * Writes checked rows into one community inside the caller's transaction: buildings and units are created as
 * needed, a room is found by (unit, number) — the unique key — and updated in place, so writing the same rows
 * twice changes nothing the second time. Unchanged rooms are not touched.
 */
export async function writeRoomRows(em: EntityManager, community: Community, rows: RoomRow[], now: Date): Promise<WriteCounts> {
  const counts: WriteCounts = { created: 0, updated: 0, buildingsCreated: 0, unitsCreated: 0 };
  if (!rows.length) return counts;
  const communityId = community.id;
  const buildings = new Map((await em.find(Building, { where: { communityId } })).map((b) => [b.name, b]));
  const units = new Map((await em.find(Unit, { where: { communityId } })).map((u) => [`${u.buildingId}|${u.name}`, u]));
  const placed: { row: RoomRow; b: Building; u: Unit }[] = [];
  for (const row of rows) {
    let b = buildings.get(row.building);
    if (!b) {
      b = await em.save(em.create(Building, { companyId: community.companyId, communityId, name: row.building }));
      buildings.set(row.building, b);
      counts.buildingsCreated++;
    }
    let u = units.get(`${b.id}|${row.unit}`);
    if (!u) {
      u = await em.save(em.create(Unit, { companyId: community.companyId, communityId, buildingId: b.id, name: row.unit }));
      units.set(`${b.id}|${row.unit}`, u);
      counts.unitsCreated++;
    }
    placed.push({ row, b, u });
  }
  const unitIds = [...new Set(placed.map((p) => p.u.id))];
  const existing = new Map((await em.find(Room, { where: { unitId: In(unitIds) } })).map((r) => [`${r.unitId}|${r.name}`, r]));
  const toInsert: Partial<Room>[] = [];
  for (const { row, b, u } of placed) {
    const fields = { floor: row.floor, areaCenti: row.areaCenti, ownerName: row.ownerName, ownerPhone: row.ownerPhone };
    const prior = existing.get(`${u.id}|${row.room}`);
    if (!prior) {
      toInsert.push({
        companyId: community.companyId,
        communityId,
        buildingId: b.id,
        unitId: u.id,
        name: row.room,
        label: roomLabel(b.name, u.name, row.room),
        createdAt: now,
        active: true,
        version: 1,
        ...fields,
      });
      continue;
    }
    counts.updated++;
    const same =
      prior.floor === fields.floor && prior.areaCenti === fields.areaCenti && prior.ownerName === fields.ownerName && prior.ownerPhone === fields.ownerPhone;
    if (!same) await em.update(Room, { id: prior.id }, { ...fields, version: prior.version + 1 });
  }
  for (let i = 0; i < toInsert.length; i += 500) await em.insert(Room, toInsert.slice(i, i + 500));
  counts.created = toInsert.length;
  return counts;
}
