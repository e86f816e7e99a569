import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { Role } from '@linli/shared';
import { User } from '../../auth/entities/user.entity';
import { WechatIdentity } from '../../auth/entities/wechat-identity.entity';
import { DEV_APPID } from '../../auth/auth.service';
import { Building } from '../../org/entities/building.entity';
import { Community } from '../../org/entities/community.entity';
import { Company } from '../../org/entities/company.entity';
import { Room } from '../../org/entities/room.entity';
import { RoomBinding } from '../../org/entities/room-binding.entity';
import { StaffCommunity } from '../../org/entities/staff-community.entity';
import { Unit } from '../../org/entities/unit.entity';
import { PriceItem } from '../../tickets/entities/price-item.entity';
import { seedDemoFees } from './demo-fees';
import { seedDemoCharges } from './demo-charges';
import { roomLabel } from '../../org/room-label';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

const OWNERS: Record<string, { name: string; phone: string }> = {
  'JXHY|1栋|1单元|101': { name: '张三', phone: '13800000001' },
  'JXHY|1栋|1单元|102': { name: '李建国', phone: '13800000002' },
  'JXHY|2栋|1单元|301': { name: '王五', phone: '13800000003' },
  'JXHY|2栋|2单元|202': { name: '刘芳', phone: '13800000005' },
  'CHY|1栋|1单元|101': { name: '陈六', phone: '13800000004' },
};

/** Demo company with two communities, staff of every role and residents with rooms. Runs only on an empty database. */
export async function seedDemo(ds: DataSource, opts: { residentAppid?: string | null; now?: Date } = {}): Promise<boolean> {
  if (await ds.getRepository(Company).count()) return false;
  const now = opts.now ?? new Date();
  await ds.transaction(async (em) => {
    const company = await em.save(
      em.create(Company, { name: '邻里物业服务有限公司', residentAppid: opts.residentAppid ?? null, staffAppid: null, createdAt: now }),
    );
    await em.insert(
      PriceItem,
      [
        ['更换水龙头', '个', 3000],
        ['疏通下水道', '次', 8000],
        ['更换灯具', '个', 2000],
        ['更换门锁', '把', 15000],
        ['更换开关插座', '个', 1500],
        ['维修人工费', '小时', 5000],
      ].map(([name, unit, priceCents]) => ({
        companyId: company.id,
        name: name as string,
        unit: unit as string,
        priceCents: priceCents as number,
        active: true,
      })),
    );
    const communities: Record<string, Community> = {};
    const rooms: Record<string, Room> = {};
    for (const [code, name, handover, address] of [
      ['JXHY', '锦绣花园', '2026-03-01', '锦绣路 88 号'],
      ['CHY', '翠湖苑', '2019-06-30', '翠湖大道 16 号'],
    ]) {
      const c = await em.save(em.create(Community, { companyId: company.id, name, code, address, handoverDate: handover, createdAt: now }));
      communities[code] = c;
      for (const bName of ['1栋', '2栋', '3栋']) {
        const b = await em.save(em.create(Building, { companyId: company.id, communityId: c.id, name: bName }));
        for (const uName of ['1单元', '2单元']) {
          const u = await em.save(em.create(Unit, { companyId: company.id, communityId: c.id, buildingId: b.id, name: uName }));
          const batch: Partial<Room>[] = [];
          for (let floor = 1; floor <= 6; floor++) {
            for (const n of [1, 2]) {
              const rName = `${floor}0${n}`;
              const owner = OWNERS[`${code}|${bName}|${uName}|${rName}`];
              batch.push({
                companyId: company.id,
                communityId: c.id,
                buildingId: b.id,
                unitId: u.id,
                name: rName,
                label: roomLabel(bName, uName, rName),
                floor,
                areaCenti: n === 1 ? 8956 : 12430,
                ownerName: owner?.name ?? null,
                ownerPhone: owner?.phone ?? null,
                createdAt: now,
              });
            }
          }
          await em.insert(Room, batch);
          for (const r of await em.find(Room, { where: { unitId: u.id } })) rooms[`${code}|${bName}|${uName}|${r.name}`] = r;
        }
      }
    }

    await seedDemoFees(em, company.id, Object.values(communities), now);

    const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
    const scopeOf: Record<string, string[]> = { manager1: ['JXHY', 'CHY'], supervisor2: ['CHY'], agent2: ['CHY'], admin: [] };
    for (const s of DEMO_ACCOUNTS.staff) {
      const u = await em.save(
        em.create(User, {
          companyId: company.id,
          kind: 'staff',
          name: s.name,
          phone: `1390000${String(1000 + DEMO_ACCOUNTS.staff.indexOf(s)).slice(-4)}`,
          username: s.username,
          passwordHash: hash,
          roles: s.roles,
          active: true,
          currentRoomId: null,
          createdAt: now,
        }),
      );
      for (const code of scopeOf[s.username] ?? ['JXHY']) await em.insert(StaffCommunity, { userId: u.id, communityId: communities[code].id });
    }

    const residents: {
      code: string;
      name: string;
      phone: string;
      room?: string;
      relation?: 'owner' | 'family' | 'tenant';
      verifiedBy?: 'phone_match' | 'staff';
    }[] = [
      { code: 'zhangsan', name: '张三', phone: '13800000001', room: 'JXHY|1栋|1单元|101', relation: 'owner', verifiedBy: 'phone_match' },
      { code: 'lisi', name: '李四', phone: '13800000012', room: 'JXHY|2栋|2单元|202', relation: 'tenant', verifiedBy: 'staff' },
      { code: 'chenliu', name: '陈六', phone: '13800000004', room: 'CHY|1栋|1单元|101', relation: 'owner', verifiedBy: 'phone_match' },
    ];
    for (const r of residents) {
      const room = r.room ? rooms[r.room] : undefined;
      const u = await em.save(
        em.create(User, {
          companyId: company.id,
          kind: 'resident',
          name: r.name,
          phone: r.phone,
          username: null,
          passwordHash: null,
          roles: ['resident' as Role],
          active: true,
          currentRoomId: room?.id ?? null,
          createdAt: now,
        }),
      );
      await em.insert(WechatIdentity, { userId: u.id, app: 'resident', appid: DEV_APPID, openid: `dev:${r.code}`, unionid: null });
      if (room)
        await em.insert(RoomBinding, {
          companyId: company.id,
          communityId: room.communityId,
          roomId: room.id,
          userId: u.id,
          relation: r.relation!,
          status: 'approved',
          name: r.name,
          verifiedBy: r.verifiedBy!,
          rejectReason: null,
          decidedBy: null,
          decidedAt: now,
          version: 1,
          createdAt: now,
        });
    }
    await seedDemoCharges(em, company.id, { parking: rooms['JXHY|2栋|2单元|202'], waived: rooms['CHY|1栋|1单元|101'] }, now);
  });
  return true;
}
