import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatPlate, type PassCodeView, type PassDetailView, type PassView } from '@linli/shared';
import { api } from '@common/api';
import { IS_H5 } from '@common/env';
import { formatTime } from '@common/format';
import { usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { PassQr } from '@common/passes/PassQr';
import { entriesText, passWindow } from '@common/passes/format';
import { usePassCode } from '@common/passes/use-pass-code';
import { useRevokePass } from '@common/passes/use-revoke-pass';
import { KV } from '../parts';
import '../passes.css';

const SHOWABLE = ['active', 'not_yet_valid', 'used_up'];

/** The link a visitor opens: in H5 the app's own address with the hash route; in weapp the page path (a share card). */
function fullLink(shareLink: string): string {
  if (!IS_H5 || typeof window === 'undefined') return shareLink;
  return `${window.location.origin}${window.location.pathname}#${shareLink}`;
}

function Share({ p }: { p: PassView }) {
  if (!p.shareLink || p.state === 'revoked' || p.state === 'expired') return null;
  const link = fullLink(p.shareLink);
  return (
    <Section title="分享给访客" className="e2e-share">
      <Text className="ll-muted">访客打开链接即可看到二维码（无需登录），到门岗出示即可。</Text>
      <View className="ll-gap" />
      <Text className="pp-share-link e2e-share-link" selectable userSelect>
        {link}
      </Text>
      <View className="pp-actions">
        {IS_H5 ? (
          <Button className="e2e-copy-link" size="small" type="primary" onClick={() => void Taro.setClipboardData({ data: link })}>
            复制链接
          </Button>
        ) : (
          <Button className="e2e-share-card" size="small" type="primary" openType="share">
            发送给访客
          </Button>
        )}
      </View>
    </Section>
  );
}

/** A pass as its creator / holder sees it: the rotating QR, the window, sharing, revocation, its scans. */
export default function ResidentPassDetail() {
  const { params } = useRouter();
  const id = Number(params.id);
  const d = usePageData(() => api.get<PassDetailView>(`/api/passes/${id}`, { silent: true }), [id]);
  const p = d.data;
  const showCode = !!p && p.canShowCode && SHOWABLE.includes(p.state);
  const code = usePassCode(showCode ? () => api.get<PassCodeView>(`/api/passes/${id}/code`, { silent: true }) : null, [id, showCode]);
  const { busy, revoke } = useRevokePass(id, d, '作废后该二维码立即失效，门岗下一次核验将拒绝通行。确定作废吗？');
  useShareAppMessage(() => ({
    title: p ? `${p.holderName}，这是您的访客通行证` : '访客通行证',
    path: p?.shareLink ?? '/pages/index/index',
  }));

  return (
    <View className="ll-page page-pass-detail">
      <PageState loading={d.loading && !p} error={p ? null : d.error} onRetry={d.reload}>
        {p && (
          <>
            <Section className="e2e-pass-detail">
              <Text className={`pp-big-state e2e-pass-state ${p.state === 'active' ? 'is-active' : 'is-bad'}`}>
                {p.kindLabel} · {p.stateLabel}
              </Text>
              {showCode && code.code && <PassQr code={code.code.code} caption="二维码每 30 秒自动更新，截图无效" />}
              {showCode && !code.code && <Text className="ll-muted">{code.error ? '二维码加载失败，正在重试…' : '二维码加载中…'}</Text>}
              <KV k="持证人" v={p.holderName} hook="pass-holder" />
              <KV k="房屋" v={p.roomLabel} />
              {p.plate && <KV k="车牌" v={formatPlate(p.plate)} />}
              <KV k="有效期" v={passWindow(p.validFrom, p.validUntil)} />
              <KV k="通行次数" v={entriesText(p.entriesTotal, p.entriesUsed)} />
              {p.revokedAt && <KV k="作废时间" v={formatTime(p.revokedAt)} />}
              {p.canRevoke && (
                <View className="pp-actions">
                  <Button className="e2e-revoke-pass" size="small" type="danger" fill="outline" loading={busy} onClick={() => void revoke()}>
                    作废通行证
                  </Button>
                </View>
              )}
            </Section>
            <Share p={p} />
            <Section title="通行记录" className="e2e-pass-scans">
              {p.scans.length === 0 && <Text className="ll-muted">暂无通行记录</Text>}
              {p.scans.map((s) => (
                <KV
                  key={s.id}
                  k={formatTime(s.scannedAt)}
                  v={`${s.direction === 'in' ? '进' : '出'} ${s.gate ?? ''} ${s.result === 'green' ? '通过' : s.reasonText}`}
                />
              ))}
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
