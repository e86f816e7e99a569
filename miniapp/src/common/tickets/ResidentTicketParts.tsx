import { useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import './resident-parts.css';

/** Pieces of the resident's 报修 / 投诉 detail pages. */

export function InfoRow({ label, children, hook }: { label: string; children: ReactNode; hook?: string }) {
  return (
    <View className={`rtp-info-row ${hook ? `e2e-info-${hook}` : ''}`}>
      <Text className="rtp-info-label">{label}</Text>
      <Text className="rtp-info-value">{children}</Text>
    </View>
  );
}

/** Five stars; `starClass` is an extra class on each star (`rp-star` / `cp-star`, which the browser suites count). */
export function Stars({ value, onChange, size, starClass }: { value: number; onChange?: (n: number) => void; size?: 'small'; starClass: string }) {
  return (
    <View className={`rtp-stars ${size === 'small' ? 'is-small' : ''}`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text key={n} className={`rtp-star ${starClass} e2e-star-${n} ${n <= value ? 'is-on' : ''}`} onClick={onChange ? () => onChange(n) : undefined}>
          ★
        </Text>
      ))}
    </View>
  );
}

/** 返回 + the submit button of an action form. */
export function FormButtons(props: { hook: string; submitText: string; busy: boolean; onSubmit: () => void; onClose: () => void }) {
  return (
    <View className="ll-btn-row">
      <Button size="small" fill="outline" disabled={props.busy} onClick={props.onClose}>
        返回
      </Button>
      <Button className={`e2e-${props.hook}-submit`} size="small" type="primary" loading={props.busy} disabled={props.busy} onClick={props.onSubmit}>
        {props.submitText}
      </Button>
    </View>
  );
}

/** A reason textarea with submit (有异议 / 取消 / 重开 / 撤销). */
export function ReasonForm(props: {
  hook: string;
  placeholder: string;
  submitText: string;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const { hook, placeholder, submitText, busy, onSubmit, onClose } = props;
  const [reason, setReason] = useState('');
  return (
    <View className={`rtp-form e2e-${hook}-form`}>
      <TextArea className={`ll-textarea e2e-${hook}-reason`} placeholder={placeholder} value={reason} onChange={setReason} maxLength={200} showCount />
      <FormButtons
        hook={hook}
        submitText={submitText}
        busy={busy}
        onClose={onClose}
        onSubmit={() => {
          if (!reason.trim()) return void Taro.showToast({ title: '请填写原因', icon: 'none' });
          onSubmit(reason.trim());
        }}
      />
    </View>
  );
}

/** Stars (5 by default) and an optional comment. */
export function RateForm(props: {
  starClass: string;
  placeholder: string;
  maxLength: number;
  busy: boolean;
  onSubmit: (rating: number, comment: string) => void;
  onClose: () => void;
}) {
  const { starClass, placeholder, maxLength, busy, onSubmit, onClose } = props;
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  return (
    <View className="rtp-form e2e-rate-form">
      <Stars value={rating} onChange={setRating} starClass={starClass} />
      <View className="ll-gap" />
      <TextArea className="ll-textarea e2e-rate-comment" placeholder={placeholder} value={comment} onChange={setComment} maxLength={maxLength} showCount />
      <FormButtons hook="rate" submitText="提交评价" busy={busy} onClose={onClose} onSubmit={() => onSubmit(rating, comment.trim())} />
    </View>
  );
}
