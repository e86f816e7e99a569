import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatPlate, type ScanResultView } from '@linli/shared';
import { entriesText, passWindow } from '@common/passes/format';

/** The full-screen answer: green (放行) or red (拒绝, with the reason), and who it is. */
export function ScanAnswer({ r, onClose }: { r: ScanResultView; onClose: () => void }) {
  const green = r.result === 'green';
  const p = r.pass;
  return (
    <View className={`ps-answer ${green ? 'is-green' : 'is-red'} e2e-scan-answer e2e-scan-${r.result}`} onClick={onClose}>
      <Text className="ps-answer-head">{green ? (r.direction === 'in' ? '放行 · 进' : '放行 · 出') : '拒绝通行'}</Text>
      {!green && <Text className="ps-answer-reason e2e-scan-reason">{r.reasonText}</Text>}
      {r.detail && <Text className="ps-answer-line">{r.detail}</Text>}
      {p && (
        <View className="ps-answer-pass">
          <Text className="ps-answer-name e2e-scan-name">{p.holderName}</Text>
          <Text className="ps-answer-line">
            {p.kindLabel} · {p.roomLabel}
          </Text>
          {p.holderPhoneMasked && <Text className="ps-answer-line">{p.holderPhoneMasked}</Text>}
          {p.plate && <Text className="ps-answer-line">车牌 {formatPlate(p.plate)}</Text>}
          <Text className="ps-answer-line">{passWindow(p.validFrom, p.validUntil)}</Text>
          <Text className="ps-answer-line e2e-scan-entries">
            {p.entriesTotal === null ? '不限次数' : entriesText(p.entriesTotal, p.entriesTotal - (p.entriesLeft ?? 0))}
          </Text>
        </View>
      )}
      <Button className="e2e-scan-next" type="default" onClick={onClose}>
        继续核验
      </Button>
    </View>
  );
}
