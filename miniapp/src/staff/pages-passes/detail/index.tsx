import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatPlate, type PassDetailView } from '@linli/shared';
import { api } from '@common/api';
import { formatTime } from '@common/format';
import { usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { entriesText, passWindow } from '@common/passes/format';
import { useRevokePass } from '@common/passes/use-revoke-pass';
import '../scan/scan.css';

function KV({ k, v }: { k: string; v: string | null | undefined }) {
  return (
    <View className="ll-row ps-field">
      <Text className="ll-muted">{k}</Text>
      <Text>{v || '—'}</Text>
    </View>
  );
}

/** A pass as staff see it: the holder's phone masked, its scans, revocation for supervisors and managers. */
export default function StaffPassDetail() {
  const { params } = useRouter();
  const id = Number(params.id);
  const d = usePageData(() => api.get<PassDetailView>(`/api/passes/${id}`, { silent: true }), [id]);
  const p = d.data;
  const { busy, revoke } = useRevokePass(id, d, '作废后门岗下一次核验即拒绝通行。确定作废吗？', '物业作废');

  return (
    <View className="ll-page page-pass-detail">
      <PageState loading={d.loading && !p} error={p ? null : d.error} onRetry={d.reload}>
        {p && (
          <>
            <Section title={`${p.kindLabel} · ${p.stateLabel}`} className="e2e-pass-detail">
              <KV k="持证人" v={p.holderName} />
              <KV k="手机号" v={p.holderPhone} />
              <KV k="房屋" v={p.roomLabel} />
              {p.plate && <KV k="车牌" v={formatPlate(p.plate)} />}
              <KV k="有效期" v={passWindow(p.validFrom, p.validUntil)} />
              <KV k="通行次数" v={entriesText(p.entriesTotal, p.entriesUsed)} />
              <KV k="办理时间" v={formatTime(p.createdAt)} />
              {p.revokedAt && <KV k="作废" v={`${formatTime(p.revokedAt)} ${p.revokeReason ?? ''}`} />}
              {p.canRevoke && (
                <Button className="e2e-staff-revoke ps-field" block type="danger" fill="outline" loading={busy} onClick={() => void revoke()}>
                  作废通行证
                </Button>
              )}
            </Section>
            <Section title="核验记录" className="e2e-pass-scans">
              {p.scans.length === 0 && <Text className="ll-muted">暂无核验记录</Text>}
              {p.scans.map((s) => (
                <View key={s.id} className="ps-log-item">
                  <View className="ps-log-head">
                    <Text className={s.result === 'green' ? 'ps-green' : 'ps-red'}>
                      {s.result === 'green' ? '通过' : s.reasonText} · {s.direction === 'in' ? '进' : '出'}
                    </Text>
                    <Text className="ll-muted">{formatTime(s.scannedAt)}</Text>
                  </View>
                  <Text className="ll-muted">{[s.gate, s.guardName].filter(Boolean).join(' · ')}</Text>
                </View>
              ))}
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
