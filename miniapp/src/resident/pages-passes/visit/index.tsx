import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { formatPlate, type PassLinkView } from '@linli/shared';
import { api } from '@common/api';
import { PageState, Section } from '@common/components';
import { PassQr } from '@common/passes/PassQr';
import { entriesText, passWindow } from '@common/passes/format';
import { usePassCode } from '@common/passes/use-pass-code';
import { KV } from '../parts';
import '../passes.css';

/**
 * The visitor's page, opened from the shared link or card: no login (no useMe, anonymous requests). The pass
 * summary comes with its current code; the code is fetched again at each refreshAt.
 */
export default function VisitorPassPage() {
  const { params } = useRouter();
  const token = String(params.token ?? '');
  const view = usePassCode(() => api.get<PassLinkView>(`/api/passes/link/${encodeURIComponent(token)}`, { anonymous: true, silent: true }), [token]);
  const p = view.code;
  const loading = !p && !view.error;
  return (
    <View className="ll-page page-pass-visit">
      <PageState loading={loading} error={p ? null : view.error} onRetry={view.refresh}>
        {p && (
          <Section className="e2e-visit-pass">
            <Text className={`pp-big-state e2e-visit-state ${p.state === 'active' ? 'is-active' : 'is-bad'}`}>
              {p.kindLabel} · {p.stateLabel}
            </Text>
            {p.code && <PassQr code={p.code} caption="请在门岗出示此二维码；二维码每 30 秒自动更新，截图无效" />}
            <KV k="访客" v={p.visitorName} hook="visit-name" />
            <KV k="小区" v={p.communityName} />
            <KV k="拜访" v={`${p.roomLabel}（${p.hostName}）`} />
            {p.plate && <KV k="车牌" v={formatPlate(p.plate)} />}
            <KV k="有效期" v={passWindow(p.validFrom, p.validUntil)} />
            <KV k="通行次数" v={entriesText(p.entriesTotal, p.entriesUsed)} />
          </Section>
        )}
      </PageState>
    </View>
  );
}
