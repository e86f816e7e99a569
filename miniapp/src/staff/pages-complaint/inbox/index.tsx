import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { Role } from '@linli/shared';
import { useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { StaffInboxTabs, StaffInboxToolbar } from '@common/tickets/StaffTicketInbox';
import { useStaffTicketInbox } from '@common/tickets/useStaffTicketInbox';
import { listComplaints } from '../api';
import type { ComplaintListQuery, ComplaintSummary } from '@linli/shared';
import { INTAKE_PAGE, isDesk } from '../util';
import { ComplaintCard } from '../components/ComplaintCard';
import { FilterSheet, filterCount, type InboxFilter } from '../components/FilterSheet';
import '@common/tickets/staff-ticket.css';
import '../components/complaint.css';

interface TabDef {
  key: string;
  title: string;
  query: ComplaintListQuery;
  empty: string;
  roles: Role[];
}

const TABS: TabDef[] = [
  { key: 'agent', title: '一类·待分类', query: { inbox: 'agent' }, empty: '没有一类或待分类的工单', roles: ['agent', 'admin'] },
  { key: 'supervisor', title: '二类', query: { inbox: 'supervisor' }, empty: '没有二类投诉', roles: ['supervisor', 'admin'] },
  { key: 'manager', title: '三类·超时', query: { inbox: 'manager' }, empty: '没有三类或超时的工单', roles: ['manager', 'admin'] },
  { key: 'all', title: '全部', query: { inbox: 'all' }, empty: '暂无工单', roles: ['agent', 'supervisor', 'manager', 'admin'] },
];

export default function ComplaintInbox() {
  const { data: me, loading, error, reload } = useMe();
  const desk = !!me && isDesk(me.roles);
  const tabs = me ? TABS.filter((t) => t.roles.some((r) => me.roles.includes(r))) : [];
  const { current, setTab, ticks } = useStaffTicketInbox(tabs);

  const [filter, setFilter] = useState<InboxFilter>({});
  const [sheet, setSheet] = useState(false);

  const nFilters = filterCount(filter);
  const query: ComplaintListQuery | null = current ? { ...filter, ...current.query } : null;

  return (
    <View className="ll-page page-complaint-inbox">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me && !desk && (
          <Section>
            <Text className="ll-muted e2e-no-access">您的角色不处理投诉建议</Text>
          </Section>
        )}
        {me && desk && current && query && (
          <>
            <StaffInboxToolbar intakePage={INTAKE_PAGE} filters={{ count: nFilters, onOpen: () => setSheet(true) }} />
            <StaffInboxTabs<ComplaintSummary>
              tabs={tabs}
              current={current.key}
              onChange={setTab}
              listKey={JSON.stringify(query)}
              load={(cursor) => listComplaints({ ...query, cursor })}
              filtered={nFilters > 0}
              ticks={ticks}
              listClassName="e2e-complaint-list"
              renderCard={(c) => <ComplaintCard c={c} />}
            />
            <FilterSheet
              visible={sheet}
              value={filter}
              communities={me.communities}
              onClose={() => setSheet(false)}
              onApply={(f) => {
                setFilter(f);
                setSheet(false);
              }}
            />
          </>
        )}
      </PageState>
    </View>
  );
}
