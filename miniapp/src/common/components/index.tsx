import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Empty as NutEmpty, Loading as NutLoading } from '@nutui/nutui-react-taro';
import { ERROR_MESSAGES } from '@linli/shared';
import './common.css';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="ll-state ll-loading e2e-loading">
      <NutLoading type="spinner">{text}</NutLoading>
    </View>
  );
}

export function Empty({ text = '暂无数据', children }: { text?: string; children?: ReactNode }) {
  return (
    <View className="ll-state ll-empty e2e-empty">
      <NutEmpty image={<View className="ll-state-icon">∅</View>} description={text} size="small" />
      {children}
    </View>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return ERROR_MESSAGES.INTERNAL;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View className="ll-state ll-error e2e-error">
      <NutEmpty image={<View className="ll-state-icon ll-state-icon-error">!</View>} description={errorMessage(error)} size="small" />
      {onRetry && (
        <Button className="e2e-retry" size="small" type="primary" fill="outline" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  );
}

export interface PageStateProps {
  loading?: boolean;
  error?: unknown;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children?: ReactNode;
}

/** Loading → error → empty → content, in that order. */
export function PageState({ loading, error, empty, emptyText, onRetry, children }: PageStateProps) {
  if (loading) return <Loading />;
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (empty) return <Empty text={emptyText} />;
  return <>{children}</>;
}

/** A titled white block. */
export function Section({ title, extra, children, className }: { title?: ReactNode; extra?: ReactNode; children?: ReactNode; className?: string }) {
  return (
    <View className={`ll-section ${className ?? ''}`}>
      {(title || extra) && (
        <View className="ll-section-head">
          <Text className="ll-section-title">{title}</Text>
          {extra}
        </View>
      )}
      {children}
    </View>
  );
}

/** The foot of a keyset-paged list: 加载更多 while there is a next cursor, then 没有更多了. */
export function LoadMore({ cursor, loading, onLoad }: { cursor: string | null | undefined; loading: boolean; onLoad: () => void }) {
  return cursor ? (
    <Button className="e2e-load-more" block fill="none" loading={loading} onClick={onLoad}>
      加载更多
    </Button>
  ) : (
    <Text className="ll-muted ll-list-end">没有更多了</Text>
  );
}
