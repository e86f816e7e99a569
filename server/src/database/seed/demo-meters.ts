import { EntityManager } from 'typeorm';
import { MeterReading } from '../../fees/entities/meter-reading.entity';
import { FeeItem } from '../../fees/entities/fee-item.entity';
import { Room } from '../../org/entities/room.entity';

/** Demo water readings of 锦绣花园: September (each meter's start) and October (8–23 m³ used), all recorded, none billed yet. */
export async function seedDemoMeters(em: EntityManager, companyId: number, communityId: number, now: Date): Promise<void> {
  const water = await em.findOneBy(FeeItem, { communityId, name: '水费' });
  if (!water) return;
  const rooms = await em.find(Room, { where: { communityId }, order: { id: 'ASC' } });
  const base = { companyId, communityId, feeItemId: water.id, replaced: false, oldFinalE2: null, newStartE2: null, status: 'recorded' as const };
  const rest = { holdReason: null, enteredBy: null, reviewedBy: null, reviewedAt: null, billLineId: null, version: 1, createdAt: now, updatedAt: now };
  const rows: Partial<MeterReading>[] = rooms.flatMap((r, i) => {
    const start = 10_000 + ((i * 3_700) % 50_000);
    const used = 800 + ((i * 530) % 1_500);
    return [
      { ...base, ...rest, roomId: r.id, period: '2026-09', readingE2: start, previousE2: null, usageE2: 0 },
      { ...base, ...rest, roomId: r.id, period: '2026-10', readingE2: start + used, previousE2: start, usageE2: used },
    ];
  });
  for (let i = 0; i < rows.length; i += 200) await em.insert(MeterReading, rows.slice(i, i + 200));
}
