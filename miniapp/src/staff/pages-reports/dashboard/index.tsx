import { useState } from 'react';
import { View } from '@tarojs/components';
import { useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { MonthSwitch, ScopeChips } from '../components/pickers';
import { thisMonth } from '../util';
import { Report } from './report';
import '../reports.css';

/** 月度报表: the manager's dashboard, company-wide or one community, month by month. */
export default function DashboardPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [month, setMonth] = useState(thisMonth());
  const communities = me.data?.communities ?? [];
  return (
    <View className="ll-page page-reports-dashboard">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        <Section>
          {me.data && <ScopeChips me={me.data} value={communityId} onChange={setCommunityId} />}
          <MonthSwitch value={month} onChange={setMonth} />
        </Section>
        <Report key={`${communityId ?? 'all'}-${month}`} communityId={communityId} month={month} />
      </PageState>
    </View>
  );
}
