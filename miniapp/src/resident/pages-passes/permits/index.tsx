import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Page, PermitListItem } from '@linli/shared';
import { api, qs } from '@common/api';
import { Empty, LoadMore, PageState, Section } from '@common/components';
import { openPage } from '@common/nav';
import { useCursorPages } from '@common/use-cursor-pages';
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { PermitCard } from '@common/permits/PermitParts';

/** 装修申请: the owner's applications (status, reason when returned) and the way to a new one. */
export default function PermitsPage() {
  const pages = useCursorPages<PermitListItem>((cursor) => api.get<Page<PermitListItem>>(`/api/passes/permits${qs({ cursor })}`, { silent: true }), []);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void pages.first.reload();
    shown.current = true;
  });
  return (
    <View className="ll-page page-permits">
      <Button className="e2e-permit-new" block type="primary" onClick={() => void openPage('/pages-passes/permit-apply/index')}>
        申请装修
      </Button>
      <View className="ll-gap" />
      <PageState loading={pages.first.loading && !pages.first.data} error={pages.first.data ? null : pages.first.error} onRetry={pages.first.reload}>
        <Section title="我的装修申请">
          {pages.items.length === 0 && (
            <Empty text="还没有装修申请">
              <Text className="ll-muted">业主可为名下房屋申请装修，批准后每位施工人员获得装修出入证</Text>
            </Empty>
          )}
          {pages.items.map((p) => (
            <PermitCard key={p.id} p={p} onOpen={() => void openPage(`/pages-passes/permit/index?id=${p.id}`)} />
          ))}
          <LoadMore cursor={pages.cursor} loading={pages.loadingMore} onLoad={() => void pages.loadMore()} />
        </Section>
      </PageState>
    </View>
  );
}
