import { useMemo } from 'react';
import { View, Text } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import './pass-qr.css';

/** Each row of the QR as runs of equal modules: [dark, length]. Fewer Views than one per module. */
function qrRuns(text: string): { size: number; rows: [boolean, number][][] } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  const rows: [boolean, number][][] = [];
  for (let r = 0; r < size; r++) {
    const runs: [boolean, number][] = [];
    for (let c = 0; c < size; c++) {
      const dark = qr.isDark(r, c);
      const last = runs[runs.length - 1];
      if (last && last[0] === dark) last[1]++;
      else runs.push([dark, 1]);
    }
    rows.push(runs);
  }
  return { size, rows };
}

/**
 * A pass's QR code drawn as a grid of Views (works the same in weapp and H5, no canvas), with the code as text under
 * it for a guard who types or pastes it. `dim`: a code that can no longer be used (revoked, expired) is greyed.
 */
export function PassQr({ code, dim = false, caption }: { code: string; dim?: boolean; caption?: string }) {
  const { size, rows } = useMemo(() => qrRuns(code), [code]);
  return (
    <View className={`pass-qr e2e-pass-qr ${dim ? 'is-dim' : ''}`}>
      <View className="pass-qr-box">
        {rows.map((runs, i) => (
          <View key={i} className="pass-qr-row">
            {runs.map(([dark, n], j) => (
              <View key={j} className={dark ? 'pass-qr-dark' : 'pass-qr-light'} style={{ width: `${(n / size) * 100}%` }} />
            ))}
          </View>
        ))}
      </View>
      <Text className="pass-qr-code e2e-pass-code" selectable userSelect>
        {code}
      </Text>
      {caption && <Text className="ll-muted pass-qr-caption">{caption}</Text>}
    </View>
  );
}
