import { View, Text } from '@tarojs/components';
import type { Me } from '@linli/shared';
import { monthLabel, shiftMonth, thisMonth } from '../util';

/** ‹ 上月 · 2026年11月 · 下月 › (no months after the current one). */
export function MonthSwitch({ value, onChange }: { value: string; onChange: (m: string) => void }) {
  const last = value >= thisMonth();
  return (
    <View className="rp-month">
      <Text className="rp-month-btn e2e-month-prev" onClick={() => onChange(shiftMonth(value, -1))}>
        ‹ 上月
      </Text>
      <Text className="rp-month-label e2e-month">{monthLabel(value)}</Text>
      <Text className={`rp-month-btn e2e-month-next ${last ? 'is-off' : ''}`} onClick={() => !last && onChange(shiftMonth(value, 1))}>
        下月 ›
      </Text>
    </View>
  );
}

/** 全公司 (null: every community the caller sees) and each of the caller's communities. */
export function ScopeChips({ me, value, onChange }: { me: Me; value: number | null; onChange: (id: number | null) => void }) {
  return (
    <View className="ll-chips rp-scope">
      <View className={`ll-chip ${value === null ? 'is-active' : ''} e2e-scope-all`} onClick={() => onChange(null)}>
        全公司
      </View>
      {me.communities.map((c) => (
        <View key={c.id} className={`ll-chip ${value === c.id ? 'is-active' : ''} e2e-scope-${c.id}`} onClick={() => onChange(c.id)}>
          {c.name}
        </View>
      ))}
    </View>
  );
}
