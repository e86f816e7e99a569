import { feeMethodText, feeStandardText, FEE_PAYER_LABELS, FeeItemView, lateFeeRuleText, PriceTableRow } from '@linli/shared';
import { FeeItem } from './entities/fee-item.entity';

export function feeItemView(f: FeeItem): FeeItemView {
  return {
    id: f.id,
    communityId: f.communityId,
    name: f.name,
    kind: f.kind,
    payer: f.payer,
    periodUnit: f.periodUnit,
    priceE4: f.priceE4,
    tiers: f.tiers,
    meterUnit: f.meterUnit,
    amountCents: f.amountCents,
    dueDay: f.dueDay,
    lateFeeRatePpm: f.lateFeeRatePpm,
    lateFeeGraceDays: f.lateFeeGraceDays,
    lateFeeCapPercent: f.lateFeeCapPercent,
    serviceContent: f.serviceContent,
    standardName: f.standardName,
    legalBasis: f.legalBasis,
    startsOn: f.startsOn,
    active: f.active,
    version: f.version,
    standardText: feeStandardText(f),
    methodText: feeMethodText(f),
    lateFeeText: lateFeeRuleText(f),
  };
}

export function priceTableRow(f: FeeItem): PriceTableRow {
  return {
    id: f.id,
    name: f.name,
    payer: FEE_PAYER_LABELS[f.payer],
    serviceContent: f.standardName ? `${f.serviceContent}（${f.standardName}）` : f.serviceContent,
    standard: feeStandardText(f),
    method: feeMethodText(f),
    lateFee: lateFeeRuleText(f),
    startsOn: f.startsOn,
    legalBasis: f.legalBasis ?? '物业服务合同',
  };
}
