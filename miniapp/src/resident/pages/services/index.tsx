import { View } from '@tarojs/components';
import { Cell, Tag } from '@nutui/nutui-react-taro';
import { useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { SERVICE_ENTRIES } from '../../services';
import { openService } from '../../components/ServiceGrid';

export default function Services() {
  // the guard: without a session this sends the user to login
  const { data: me, loading, error, reload } = useMe();
  return (
    <View className="ll-page page-services">
      <PageState loading={loading} error={error} onRetry={reload} empty={!me}>
        <Section title="全部服务">
          {SERVICE_ENTRIES.map((s) => (
            <Cell
              key={s.key}
              className={`e2e-service-row-${s.key}`}
              title={s.label}
              description={s.desc}
              clickable
              extra={
                s.url ? (
                  '去办理'
                ) : (
                  <Tag background="#f0f1f3" color="#8a8f99">
                    即将上线
                  </Tag>
                )
              }
              onClick={() => openService(s)}
            />
          ))}
        </Section>
      </PageState>
    </View>
  );
}
