import { useEffect, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button, Popup } from '@nutui/nutui-react-taro';
import './staff-ticket.css';

/** A chip of a filter; `value` undefined is 不限 / 全部. */
export function FilterChip<T>(props: { value: T | undefined; current: T | undefined; label: string; hook: string; onPick: (v: T | undefined) => void }) {
  const active = props.value === props.current;
  return (
    <View className={`ll-chip ${active ? 'is-active' : ''} ${props.hook}`} onClick={() => props.onPick(props.value)}>
      {props.label}
    </View>
  );
}

/** The filter being edited: the applied one again each time the sheet opens (`onOpen` runs then too). */
export function useFilterDraft<F extends object>(visible: boolean, value: F, onOpen?: () => void) {
  const [draft, setDraft] = useState<F>(value);
  useEffect(() => {
    if (!visible) return;
    setDraft(value);
    onOpen?.();
  }, [visible]);
  const set = (patch: Partial<F>) => setDraft((d) => ({ ...d, ...patch }));
  return { draft, setDraft, set };
}

/** The bottom sheet of the inbox filters, with 重置 and 确定 below `children`. */
export function StaffFilterSheet(props: {
  title: string;
  visible: boolean;
  onClose: () => void;
  onReset: () => void;
  onApply: () => void;
  buttonsClassName: string;
  children: ReactNode;
}) {
  const { title, visible, onClose, onReset, onApply, buttonsClassName, children } = props;
  return (
    <Popup visible={visible} position="bottom" round title={title} closeable onClose={onClose} className="rp-filter e2e-filter-sheet">
      <View className="rp-filter-body">
        {children}
        <View className={buttonsClassName}>
          <Button className="e2e-filter-reset" fill="outline" onClick={onReset}>
            重置
          </Button>
          <Button className="e2e-filter-apply" type="primary" onClick={onApply}>
            确定
          </Button>
        </View>
      </View>
    </Popup>
  );
}
