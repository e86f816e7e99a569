import { Tag } from '@nutui/nutui-react-taro';
import type { Emergency, RepairTier } from '@linli/shared';
import { TierTag, formatShanghai } from '@common/repairs';
import { emergencyLabel } from './labels';

/** 等级, 紧急 · … and 已催单 (with its time when `urgedTime`): the first tags of a card and of the detail head. */
export function RepairTags({ r, urgedTime }: { r: { tier: RepairTier | null; emergency: Emergency | null; lastUrgedAt: string | null }; urgedTime?: boolean }) {
  return (
    <>
      <TierTag tier={r.tier} />
      {r.emergency && (
        <Tag className="rp-tag e2e-emergency" background="#fdecec" color="#e5484d">
          紧急 · {emergencyLabel(r.emergency)}
        </Tag>
      )}
      {r.lastUrgedAt && (
        <Tag className="rp-tag e2e-urged" background="#fff4e5" color="#d97706">
          已催单{urgedTime ? ` ${formatShanghai(r.lastUrgedAt, 'HH:mm')}` : ''}
        </Tag>
      )}
    </>
  );
}
