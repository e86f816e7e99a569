import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { photoSrc } from './photos';
import './repairs.css';

export interface PhotoItem {
  /** an UploadView url (/api/uploads/…) or a local temp path just chosen */
  url: string;
  id?: number | string;
  uploading?: boolean;
  failed?: boolean;
}

export interface PhotoGridProps {
  photos: PhotoItem[];
  /** shows a × on each photo */
  onRemove?: (index: number) => void;
  /** shows an add tile while fewer than `max` photos */
  onAdd?: () => void;
  max?: number;
  /** class of the add tile (e2e hook) */
  addClassName?: string;
  /** shown when there are no photos and nothing can be added; omit to render nothing */
  emptyText?: string;
  className?: string;
}

function Photo({ item, onOpen, onRemove }: { item: PhotoItem; onOpen: () => void; onRemove?: () => void }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    photoSrc(item.url).then(
      (s) => live && setSrc(s),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [item.url]);
  return (
    <View className="ll-photo e2e-photo">
      {src && !failed ? (
        <Image className="ll-photo-img" src={src} mode="aspectFill" onClick={onOpen} onError={() => setFailed(true)} />
      ) : (
        <View className="ll-photo-img ll-photo-placeholder">{failed ? '加载失败' : '…'}</View>
      )}
      {(item.uploading || item.failed) && <View className="ll-photo-mask">{item.failed ? '上传失败' : '上传中…'}</View>}
      {onRemove && (
        <View
          className="ll-photo-remove e2e-photo-remove"
          onClick={(e) => {
            e.stopPropagation();
            onRemove();
          }}
        >
          ×
        </View>
      )}
    </View>
  );
}

/** Thumbnails (tap to preview), optionally removable, with an add tile. */
export function PhotoGrid({ photos, onRemove, onAdd, max = 9, addClassName = '', emptyText, className = '' }: PhotoGridProps) {
  const canAdd = !!onAdd && photos.length < max;
  if (!photos.length && !canAdd) return emptyText ? <Text className="ll-muted">{emptyText}</Text> : null;

  async function open(index: number) {
    try {
      const urls = await Promise.all(photos.map((p) => photoSrc(p.url).catch(() => p.url)));
      await Taro.previewImage({ urls, current: urls[index] });
    } catch {
      /* preview closed or unsupported */
    }
  }

  return (
    <View className={`ll-photos ${className}`}>
      {photos.map((p, i) => (
        <Photo key={p.id ?? p.url} item={p} onOpen={() => void open(i)} onRemove={onRemove ? () => onRemove(i) : undefined} />
      ))}
      {canAdd && (
        <View className={`ll-photo ll-photo-add ${addClassName}`} onClick={onAdd}>
          <Text className="ll-photo-add-plus">+</Text>
          <Text className="ll-photo-add-count">
            {photos.length}/{max}
          </Text>
        </View>
      )}
    </View>
  );
}
