import { EntityManager } from 'typeorm';
import { FeeItem } from '../../fees/entities/fee-item.entity';
import { Community } from '../../org/entities/community.entity';
import { seedDemoMeters } from './demo-meters';

/** The demo communities' fee items: property fee by area, tiered water, quarterly parking rent. */
export async function seedDemoFees(em: EntityManager, companyId: number, communities: Community[], now: Date): Promise<void> {
  const base = { companyId, active: true, version: 1, updatedBy: null, createdAt: now, updatedAt: now, standardName: null, tiers: null, meterUnit: null };
  const rows: Partial<FeeItem>[] = communities.flatMap((c) => [
    {
      ...base,
      communityId: c.id,
      name: '物业服务费',
      kind: 'area' as const,
      payer: 'owner' as const,
      periodUnit: 'month' as const,
      priceE4: c.code === 'JXHY' ? 18_000 : 15_000,
      amountCents: null,
      dueDay: 15,
      lateFeeRatePpm: 500,
      lateFeeGraceDays: 15,
      lateFeeCapPercent: 100,
      serviceContent: '公共区域清洁、秩序维护、绿化养护、共用设施设备日常运行维护',
      standardName: '一级服务标准',
      legalBasis: '物业服务合同第五条',
      startsOn: '2026-01-01',
    },
    {
      ...base,
      communityId: c.id,
      name: '水费',
      kind: 'metered' as const,
      payer: 'occupant' as const,
      periodUnit: 'month' as const,
      priceE4: null,
      tiers: [
        { uptoE2: 2000, priceE4: 34_500 },
        { uptoE2: 3000, priceE4: 48_300 },
        { uptoE2: null, priceE4: 58_300 },
      ],
      meterUnit: 'm³',
      amountCents: null,
      dueDay: 20,
      lateFeeRatePpm: 0,
      lateFeeGraceDays: 0,
      lateFeeCapPercent: null,
      serviceContent: '代收居民生活用水水费（按户表计量，阶梯水价）',
      legalBasis: '市发展改革委居民生活用水阶梯价格文件',
      startsOn: '2026-01-01',
    },
    {
      ...base,
      communityId: c.id,
      name: '地下车位租金',
      kind: 'fixed' as const,
      payer: 'occupant' as const,
      periodUnit: 'quarter' as const,
      priceE4: null,
      amountCents: 90_000,
      dueDay: 10,
      lateFeeRatePpm: 0,
      lateFeeGraceDays: 0,
      lateFeeCapPercent: null,
      serviceContent: '地下车库固定车位使用及车库秩序维护',
      legalBasis: '车位租赁合同',
      startsOn: '2026-01-01',
    },
  ]);
  await em.insert(FeeItem, rows);
  const jxhy = communities.find((c) => c.code === 'JXHY');
  if (jxhy) await seedDemoMeters(em, companyId, jxhy.id, now);
}
