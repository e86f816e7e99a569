import { View } from '@tarojs/components';
import { dayLabel, shanghaiDay } from '@common/repairs';

/** The next `days` Shanghai calendar days (today first) as "YYYY-MM-DD". */
export function nextDays(now: Date, days = 7): string[] {
  return Array.from({ length: days }, (_, i) => shanghaiDay(now, i));
}

/** Day chips: 今天 / 明天 / 后天 / 周x, with MM-DD. */
export function DayPicker(props: { value: string | null; onChange: (day: string) => void; now: Date; days?: number; hook: string }) {
  const { value, onChange, now, days = 7, hook } = props;
  return (
    <View className="ll-chips rp-days">
      {nextDays(now, days).map((d) => (
        <View key={d} className={`ll-chip rp-day e2e-${hook}-day-${d} ${value === d ? 'is-active' : ''}`} onClick={() => onChange(d)}>
          {dayLabel(d, now)} {d.slice(5)}
        </View>
      ))}
    </View>
  );
}
