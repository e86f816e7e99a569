import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { openPage } from '@common/nav';
import { SERVICE_ENTRIES, type ServiceEntry } from '../services';

export function openService(s: ServiceEntry) {
  if (s.url) void openPage(s.url);
  else void Taro.showToast({ title: `${s.label}功能即将上线`, icon: 'none' });
}

export function ServiceGrid() {
  return (
    <View className="ll-grid">
      {SERVICE_ENTRIES.map((s) => (
        <View key={s.key} className={`ll-grid-item e2e-service-${s.key} ${s.url ? '' : 'is-disabled'}`} onClick={() => openService(s)}>
          <View className="ll-grid-icon">{s.glyph}</View>
          <Text className="ll-grid-label">{s.short ?? s.label}</Text>
          {!s.url && <Text className="ll-soon">即将上线</Text>}
        </View>
      ))}
    </View>
  );
}
