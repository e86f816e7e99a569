import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { RepairListQuery, RepairSummary } from '@linli/shared';
import { useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { StaffInboxTabs, StaffInboxToolbar } from '@common/tickets/StaffTicketInbox';
import { useStaffTicketInbox } from '@common/tickets/useStaffTicketInbox';
import { listRepairs } from '../api';
import { canFilter, INTAKE_PAGE, isDesk, isTechnician } from '../util';
import { RepairCard } from '../components/RepairCard';
import { FilterSheet, filterCount, type InboxFilter } from '../components/FilterSheet';

interface TabDef {
  key: string;
  title: string;
  query: RepairListQuery;
  empty: string;
}

const DESK_TABS: TabDef[] = [
  { key: 'submitted', title: '待受理', query: { status: 'submitted' }, empty: '没有待受理的报修' },
  { key: 'open', title: '处理中', query: { status: 'open' }, empty: '没有处理中的工单' },
  { key: 'breached', title: '已超时', query: { breached: true }, empty: '没有超时的工单' },
  { key: 'all', title: '全部', query: {}, empty: '暂无工单' },
];
const MINE_TAB: TabDef = { key: 'mine', title: '我的', query: { mine: true, status: 'open' }, empty: '没有派给我的工单' };
const TECH_TABS: TabDef[] = [
  { key: 'mine-open', title: '处理中', query: { mine: true, status: 'open' }, empty: '没有派给我的工单' },
  { key: 'mine-all', title: '全部', query: { mine: true }, empty: '暂无工单' },
];

function filterQuery(f: InboxFilter): RepairListQuery {
  return { status: f.status, tier: f.tier, assigneeId: f.assigneeId, from: f.from, to: f.to };
}

export default function RepairInbox() {
  const { data: me, loading, error, reload } = useMe();
  const desk = !!me && isDesk(me.roles);
  const tech = !!me && isTechnician(me.roles);
  const tabs = desk ? (tech ? [...DESK_TABS, MINE_TAB] : DESK_TABS) : tech ? TECH_TABS : [];
  const { current, setTab, ticks } = useStaffTicketInbox(tabs);

  const [filter, setFilter] = useState<InboxFilter>({});
  const [sheet, setSheet] = useState(false);
  const filtering = !!me && canFilter(me.roles);

  useEffect(() => {
    if (me && !desk && tech) void Taro.setNavigationBarTitle({ title: '我的工单' });
  }, [me, desk, tech]);

  function applyFilter(f: InboxFilter) {
    setFilter(f);
    setSheet(false);
    // a status filter would fight the 待受理 / 处理中 tabs: it is applied on 全部
    if (f.status && current?.query.status) setTab('all');
  }

  const nFilters = filterCount(filter);
  const query: RepairListQuery | null = current ? { ...filterQuery(filter), ...current.query } : null;

  return (
    <View className="ll-page page-repair-inbox">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me && !current && (
          <Section>
            <Text className="ll-muted e2e-no-access">您的角色不处理报修工单</Text>
          </Section>
        )}
        {me && current && query && (
          <>
            <StaffInboxToolbar
              intakePage={desk ? INTAKE_PAGE : undefined}
              filters={filtering ? { count: nFilters, onOpen: () => setSheet(true) } : undefined}
            />
            {!desk && <Text className="rp-heading e2e-mine-title">我的工单</Text>}
            <StaffInboxTabs<RepairSummary>
              tabs={tabs}
              current={current.key}
              onChange={setTab}
              listKey={JSON.stringify(query)}
              load={(cursor) => listRepairs({ ...query, sort: 'inbox', cursor })}
              filtered={nFilters > 0}
              ticks={ticks}
              listClassName="e2e-repair-list"
              renderCard={(r) => <RepairCard r={r} />}
            />
            {filtering && (
              <FilterSheet
                visible={sheet}
                value={filter}
                communityIds={me.communities.map((c) => c.id)}
                onClose={() => setSheet(false)}
                onApply={applyFilter}
              />
            )}
          </>
        )}
      </PageState>
    </View>
  );
}
