import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useAsync } from '@common/hooks';
import { ErrorState, PageState, Section } from '@common/components';
import { fetchText, htmlToText, toast } from '../util';
import '@common/tickets/staff-ticket.css';
import '../components/complaint.css';

/** The printable developer notice as text (weapp: no new windows; copy it or print from the web version). */
export default function NoticePage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const recordId = Number(params.recordId);
  const valid = Number.isInteger(id) && id > 0 && Number.isInteger(recordId) && recordId > 0;
  const notice = useAsync<string>(async () => htmlToText(await fetchText(`/api/complaints/${id}/notice/${recordId}`)), [id, recordId]);

  return (
    <View className="ll-page page-complaint-notice">
      {!valid ? (
        <ErrorState error={new Error('通知不存在')} />
      ) : (
        <PageState loading={notice.loading} error={notice.error} onRetry={notice.reload} empty={!notice.data} emptyText="通知内容为空">
          <Section className="e2e-notice">
            <Text className="cp-notice-text e2e-notice-text" userSelect>
              {notice.data}
            </Text>
          </Section>
          <Button
            className="e2e-notice-copy"
            block
            type="primary"
            fill="outline"
            onClick={() => void Taro.setClipboardData({ data: notice.data ?? '' }).then(() => toast('已复制，可粘贴到电脑打印', 'success'))}
          >
            复制全文
          </Button>
          <Text className="ll-muted ll-list-end">打印请使用电脑浏览器打开员工端网页版</Text>
        </PageState>
      )}
    </View>
  );
}
