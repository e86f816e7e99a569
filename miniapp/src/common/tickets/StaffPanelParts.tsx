import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PhotoGrid } from '../repairs';
import { MAX_STAFF_PHOTOS, type StaffPhotoDrafts } from './staff-photos';
import './staff-ticket.css';

/** Pieces of the staff 报修 / 投诉 action panels. */

/** 取消 + the panel's submit button. */
export function PanelButtons(props: { busy: boolean; onClose: () => void; onSubmit: () => void; label: string; danger?: boolean }) {
  const { busy, onClose, onSubmit, label, danger } = props;
  return (
    <View className="ll-btn-row">
      <Button className="e2e-panel-close" size="small" fill="outline" disabled={busy} onClick={onClose}>
        取消
      </Button>
      <Button className="e2e-action-submit" size="small" type={danger ? 'danger' : 'primary'} loading={busy} disabled={busy} onClick={onSubmit}>
        {label}
      </Button>
    </View>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="ll-field">
      <Text className="ll-label">{label}</Text>
      {children}
    </View>
  );
}

/** The photos of a panel, `label（最多 9 张）`. */
export function PhotoField({ label, photos }: { label: string; photos: StaffPhotoDrafts }) {
  return (
    <Field label={`${label}（最多 ${MAX_STAFF_PHOTOS} 张）`}>
      <PhotoGrid photos={photos.gridItems} max={MAX_STAFF_PHOTOS} onAdd={() => void photos.add()} addClassName="e2e-photo-add" onRemove={photos.remove} />
    </Field>
  );
}
