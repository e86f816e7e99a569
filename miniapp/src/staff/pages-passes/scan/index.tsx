import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { ScanResultView } from '@linli/shared';
import { api, showError } from '@common/api';
import { IS_H5 } from '@common/env';
import { useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { usePolling } from '@common/use-polling';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { isOffline, queued, savedGate, saveGate, syncQueued } from '../offline-queue';
import { OfflineEntry } from './offline-entry';
import { ScanAnswer } from './result';
import { ScanLog } from './scan-log';
import './scan.css';

/** 通行证核验 (guards; supervisors and managers too): scan or type the code → a full-screen green or red answer. */
export default function PassScanPage() {
  const meState = useMe();
  const me = meState.data;
  const [communityId, setCommunityId] = useCommunityChoice(me);
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [gate, setGate] = useState(savedGate);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ScanResultView | null>(null);
  const [offline, setOffline] = useState(false);
  const [pending, setPending] = useState(() => queued().length);
  const [stamp, setStamp] = useState(0);

  async function sync() {
    if (!queued().length) return;
    const r = await syncQueued();
    setPending(r.left);
    if (r.sent) setStamp((s) => s + 1);
    if (r.offline) setOffline(true);
  }
  usePolling(() => void sync(), !!me);

  async function verify(text: string) {
    if (!text.trim()) return void Taro.showToast({ title: '请输入或扫描二维码', icon: 'none' });
    setBusy(true);
    try {
      const r = await api.post<ScanResultView>(
        '/api/passes/verify',
        { code: text.trim(), direction, gate: gate.trim() || undefined },
        { silent: true, timeout: 8000 },
      );
      setOffline(false);
      setAnswer(r);
      setCode('');
      setStamp((s) => s + 1);
      void sync();
    } catch (e) {
      if (isOffline(e)) setOffline(true);
      else showError(e);
    } finally {
      setBusy(false);
    }
  }

  async function scan() {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await verify(r.result);
    } catch {
      /* the guard closed the camera */
    }
  }

  if (!me || communityId === null)
    return (
      <View className="ll-page">
        <PageState loading={meState.loading} error={meState.error} onRetry={meState.reload} empty={!!me} emptyText="您未分配小区" />
      </View>
    );
  return (
    <View className="ll-page page-pass-scan">
      {answer && <ScanAnswer r={answer} onClose={() => setAnswer(null)} />}
      {me.communities.length > 1 && <CommunityChips me={me} value={communityId} onChange={setCommunityId} />}
      <Section>
        <View className="ps-toggle e2e-direction">
          {(['in', 'out'] as const).map((d) => (
            <Text key={d} className={`ps-toggle-item ${direction === d ? 'is-active' : ''} e2e-direction-${d}`} onClick={() => setDirection(d)}>
              {d === 'in' ? '进' : '出'}
            </Text>
          ))}
        </View>
        <View className="ps-row">
          <Text className="ll-muted">门岗</Text>
          <Input className="e2e-gate" placeholder="如 东门（自动记住）" value={gate} onChange={setGate} onBlur={() => saveGate(gate.trim())} maxLength={32} />
        </View>
        {!IS_H5 && (
          <Button className="e2e-scan-camera ps-field" block type="primary" size="large" loading={busy} onClick={() => void scan()}>
            扫码核验
          </Button>
        )}
        <View className="ps-row">
          <Input className="e2e-scan-code" placeholder="输入或粘贴二维码下方的编码" value={code} onChange={setCode} maxLength={200} />
          <Button className="e2e-scan-verify" type="primary" loading={busy} onClick={() => void verify(code)}>
            核验
          </Button>
        </View>
        <View className="ps-row">
          <Button className="e2e-plate-lookup" size="small" fill="outline" onClick={() => void Taro.navigateTo({ url: '/pages-passes/plate/index' })}>
            车牌查询
          </Button>
          {pending > 0 && !offline && <Text className="ll-muted">离线登记待上传 {pending} 条</Text>}
        </View>
      </Section>
      {offline && (
        <OfflineEntry
          communityId={communityId}
          gate={gate.trim()}
          direction={direction}
          pending={pending}
          onSaved={() => setPending(queued().length)}
          onRetry={() => void sync().then(() => setOffline(queued().length > 0 && offline))}
        />
      )}
      <ScanLog me={me} communityId={communityId} gate={gate.trim()} stamp={stamp} />
    </View>
  );
}
