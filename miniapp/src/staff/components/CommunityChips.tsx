import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { Me } from '@linli/shared';

/** The staff member's communities as chips (e2e-community-<id>). */
export function CommunityChips({ me, value, onChange }: { me: Me; value: number | null | undefined; onChange: (id: number) => void }) {
  if (!me.communities.length) return <Text className="ll-muted">您未分配小区</Text>;
  return (
    <View className="ll-chips">
      {me.communities.map((c) => (
        <View key={c.id} className={`ll-chip ${value === c.id ? 'is-active' : ''} e2e-community-${c.id}`} onClick={() => onChange(c.id)}>
          {c.name}
        </View>
      ))}
    </View>
  );
}

/** The community a page works on: the one picked, else the staff member's first. */
export function useCommunityChoice(me: Me | undefined): [number | null, (id: number) => void] {
  const [picked, setPicked] = useState<number | null>(null);
  return [picked ?? me?.communities[0]?.id ?? null, setPicked];
}
