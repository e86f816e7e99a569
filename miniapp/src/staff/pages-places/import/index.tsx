import { useEffect, useRef, useState } from 'react';
import { useRouter, useUnload } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { IMPORT_JOB_STATUS_LABELS, ROOM_IMPORT_COLUMNS, ROOM_IMPORT_FIELD_LABELS, type ImportJobView } from '@linli/shared';
import { api } from '@common/api';
import { Section, errorMessage } from '@common/components';
import { pickTableFile, type PickedFile } from '@common/table-file';
import { startImport } from './upload';
import '../places.css';

const POLL_MS = 800;
const STATUS_TAG = { queued: 'default', running: 'primary', done: 'success', failed: 'danger' } as const;

/** 批量导入房屋: pick a CSV / .xlsx, upload, watch the job's progress, read the report of bad rows. */
export default function Import() {
  const communityId = Number(useRouter().params.communityId);
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useUnload(() => clearTimeout(timer.current));
  useEffect(() => () => clearTimeout(timer.current), []);

  function poll(id: number) {
    timer.current = setTimeout(async () => {
      try {
        const j = await api.get<ImportJobView>(`/api/admin/room-imports/${id}`, { silent: true });
        setJob(j);
        if (j.status === 'queued' || j.status === 'running') poll(id);
      } catch {
        poll(id); // a dropped poll is retried; the job runs on regardless
      }
    }, POLL_MS);
  }

  async function choose() {
    const f = await pickTableFile();
    if (f) {
      setPicked(f);
      setJob(null);
      setError('');
    }
  }

  async function start() {
    if (!picked) return;
    setBusy(true);
    setError('');
    try {
      const j = await startImport(communityId, picked);
      setJob(j);
      if (j.status === 'queued' || j.status === 'running') poll(j.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const running = job && (job.status === 'queued' || job.status === 'running');
  return (
    <View className="ll-page page-places-import">
      <Section title="文件格式">
        <Text className="pl-hint">
          CSV（UTF-8）或 Excel（.xlsx，读取第一个工作表）。第一行为表头，依次为：
          {ROOM_IMPORT_COLUMNS.map((c) => ROOM_IMPORT_FIELD_LABELS[c]).join('、')}（也可用英文 {ROOM_IMPORT_COLUMNS.join(',')}）。
        </Text>
        <Text className="pl-hint">面积单位为平方米，最多两位小数；楼栋和单元不存在时自动新建；同一单元的同一房号只会有一间，重复导入会更新而不会重复。</Text>
      </Section>
      <Section title="选择文件">
        <View className="ll-btn-row">
          <Button className="e2e-import-pick" fill="outline" type="primary" onClick={() => void choose()}>
            选择文件
          </Button>
          <Button className="e2e-import-start" type="primary" disabled={!picked || !!running} loading={busy} onClick={() => void start()}>
            开始导入
          </Button>
        </View>
        <Text className="ll-card-line e2e-import-file">{picked ? `已选择：${picked.name}` : '尚未选择文件'}</Text>
        {error && <Text className="pl-error e2e-import-error">{error}</Text>}
      </Section>
      {job && (
        <Section title="导入进度">
          <View className="ll-row">
            <Text className="e2e-import-summary">
              {job.fileName} · 共 {job.total} 行可导入
            </Text>
            <Tag className={`e2e-import-status-${job.status}`} type={STATUS_TAG[job.status]}>
              {IMPORT_JOB_STATUS_LABELS[job.status]}
            </Tag>
          </View>
          <View className="pl-bar e2e-import-bar">
            <View className="pl-bar-fill" style={{ width: `${job.percent}%` }} />
          </View>
          <Text className="ll-card-line e2e-import-percent">
            {job.processed} / {job.total}（{job.percent}%）
          </Text>
          {!running && (
            <Text className="ll-card-line e2e-import-result">
              {job.status === 'failed'
                ? '没有可导入的行，请按下方错误修改后重新导入。'
                : `新增 ${job.created} 间，更新 ${job.updated} 间；新建楼栋 ${job.buildingsCreated} 个、单元 ${job.unitsCreated} 个。`}
            </Text>
          )}
        </Section>
      )}
      {job && job.errorCount > 0 && (
        <Section title={`错误报告（${job.errorCount} 处，这些行未导入）`}>
          <View className="pl-errors e2e-import-errors">
            <View className="pl-err-row">
              <Text className="pl-err-no">行号</Text>
              <Text className="pl-err-field">字段</Text>
              <Text className="pl-err-msg pl-err-head">问题</Text>
            </View>
            {job.errors.map((e, i) => (
              <View key={i} className={`pl-err-row e2e-import-err-${e.row}`}>
                <Text className="pl-err-no">第 {e.row} 行</Text>
                <Text className="pl-err-field">{e.field ? ROOM_IMPORT_FIELD_LABELS[e.field] : '—'}</Text>
                <Text className="pl-err-msg">{e.message}</Text>
              </View>
            ))}
            {job.errorCount > job.errors.length && <Text className="ll-muted">仅显示前 {job.errors.length} 处</Text>}
          </View>
        </Section>
      )}
    </View>
  );
}
