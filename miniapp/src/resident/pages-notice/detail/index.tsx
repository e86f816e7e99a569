import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { NoticeView } from '@linli/shared';
import { api } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { NoticeBody } from '@common/notices/NoticeBody';

/** A notice (opening it marks it read). */
export default function NoticeDetailPage() {
  const id = Number(useRouter().params.id);
  const d = useAsync(() => api.get<NoticeView>(`/api/notices/feed/${id}`, { silent: true }), [id]);
  return (
    <View className="ll-page page-notice-detail">
      <PageState loading={d.loading && !d.data} error={d.data ? null : d.error} onRetry={d.reload}>
        {d.data && (
          <Section>
            <NoticeBody n={d.data} />
          </Section>
        )}
      </PageState>
    </View>
  );
}
