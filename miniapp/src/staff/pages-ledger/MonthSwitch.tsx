import { View, Text } from '@tarojs/components';
import { monthLabel, shiftMonth, thisMonth } from './util';

/** ‹ 上月 · 2026年11月 · 下月 › (no months after the current one). */
export function MonthSwitch({ value, onChange }: { value: string; onChange: (m: string) => void }) {
  const last = value >= thisMonth();
  return (
    <View className="lg-month">
      <Text className="lg-month-btn e2e-month-prev" onClick={() => onChange(shiftMonth(value, -1))}>
        ‹ 上月
      </Text>
      <Text className="lg-month-label e2e-month">{monthLabel(value)}</Text>
      <Text className={`lg-month-btn e2e-month-next ${last ? 'is-off' : ''}`} onClick={() => !last && onChange(shiftMonth(value, 1))}>
        下月 ›
      </Text>
    </View>
  );
}
