import { useRef, useState, type ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';
import { normalizeMobile, type Me, type RoomStaffView } from '@linli/shared';
import { newIdempotencyKey, showError } from '../api';
import { useMe } from '../hooks';
import { PageState, Section } from '../components';
import { StaffRoomLookup } from './StaffRoomLookup';
import { isDesk } from './staff-util';
import './staff-ticket.css';

/** Pieces of the staff 报修 / 投诉 intake (热线登记) pages. */

/** The page: the form for the service desk, a notice for everyone else. */
export function StaffIntakeFrame(props: { className: string; noAccessText: string; children: (me: Me) => ReactNode }) {
  const { data: me, loading, error, reload } = useMe();
  return (
    <View className={`ll-page ${props.className} ik-page`}>
      <PageState loading={loading} error={error} onRetry={reload}>
        {me &&
          (isDesk(me.roles) ? (
            props.children(me)
          ) : (
            <Section>
              <Text className="ll-muted e2e-no-access">{props.noAccessText}</Text>
            </Section>
          ))}
      </PageState>
    </View>
  );
}

/** Where and who: a room or a community (public), and the contact, filled from the picked room. */
export function useIntakeCaller(me: Me) {
  const [where, setWhere] = useState<'room' | 'public'>('room');
  const [room, setRoom] = useState<RoomStaffView | null>(null);
  const [communityId, setCommunityId] = useState<number | undefined>(me.communities.length === 1 ? me.communities[0].id : undefined);
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');

  function pickRoom(r: RoomStaffView | null, q: string) {
    setRoom(r);
    if (!r) return;
    const phone = normalizeMobile(q);
    if (phone && !contactPhone) setContactPhone(phone);
    if (r.ownerName && !contactName) setContactName(r.ownerName);
  }

  return { where, setWhere, room, pickRoom, communityId, setCommunityId, contactName, setContactName, contactPhone, setContactPhone };
}

export type IntakeCaller = ReturnType<typeof useIntakeCaller>;

export function IntakeChannels<C extends string>(props: {
  title: string;
  channels: readonly C[];
  labels: Record<C, string>;
  value: C;
  onChange: (c: C) => void;
}) {
  const { title, channels, labels, value, onChange } = props;
  return (
    <Section title={title}>
      <View className="ll-chips">
        {channels.map((c) => (
          <View key={c} className={`ll-chip ${value === c ? 'is-active' : ''} e2e-channel-${c}`} onClick={() => onChange(c)}>
            {labels[c]}
          </View>
        ))}
      </View>
    </Section>
  );
}

/** 房屋 / the public toggle; the room lookup, or the community chips and `children` (the place input). */
export function IntakePlace(props: {
  me: Me;
  caller: IntakeCaller;
  title: string;
  publicLabel: string;
  lookupEmptyText: string;
  noCommunityText: string;
  autoFocus?: boolean;
  children: ReactNode;
}) {
  const { me, caller, title, publicLabel, lookupEmptyText, noCommunityText, autoFocus, children } = props;
  const { where, setWhere, communityId, setCommunityId } = caller;
  return (
    <Section
      title={title}
      extra={
        <View className="ik-where">
          <Text className={`ik-where-item ${where === 'room' ? 'is-active' : ''} e2e-where-room`} onClick={() => setWhere('room')}>
            房屋
          </Text>
          <Text className={`ik-where-item ${where === 'public' ? 'is-active' : ''} e2e-where-public`} onClick={() => setWhere('public')}>
            {publicLabel}
          </Text>
        </View>
      }
    >
      {where === 'room' ? (
        <StaffRoomLookup me={me} picked={caller.room} onPick={caller.pickRoom} emptyText={lookupEmptyText} autoFocus={autoFocus} />
      ) : (
        <>
          {me.communities.length === 0 ? (
            <Text className="ll-muted">{noCommunityText}</Text>
          ) : (
            <View className="ll-chips">
              {me.communities.map((c) => (
                <View key={c.id} className={`ll-chip ${communityId === c.id ? 'is-active' : ''} e2e-community-${c.id}`} onClick={() => setCommunityId(c.id)}>
                  {c.name}
                </View>
              ))}
            </View>
          )}
          {children}
        </>
      )}
    </Section>
  );
}

export function IntakeContact({ title, caller, nameMaxLength }: { title: string; caller: IntakeCaller; nameMaxLength: number }) {
  return (
    <Section title={title}>
      <View className="ll-field">
        <Input
          className="ll-input e2e-contact-name"
          placeholder="联系人姓名"
          value={caller.contactName}
          onChange={caller.setContactName}
          maxLength={nameMaxLength}
        />
      </View>
      <Input
        className="ll-input e2e-contact-phone"
        type="number"
        placeholder="联系电话"
        value={caller.contactPhone}
        onChange={caller.setContactPhone}
        maxLength={20}
      />
    </Section>
  );
}

/**
 * Posts an intake with one Idempotency-Key until it goes through (a retry or double tap reuses it), then `onDone`
 * with what was created; `onError` sees a failure before its toast.
 */
export function useIntakeSubmit<B, R>(send: (body: B, idempotencyKey: string) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const idemKey = useRef(newIdempotencyKey());

  async function submit(body: B, onDone: (created: R) => void, onError?: (e: unknown) => void) {
    setBusy(true);
    try {
      const created = await send(body, idemKey.current);
      idemKey.current = newIdempotencyKey();
      onDone(created);
    } catch (e) {
      onError?.(e);
      showError(e);
    } finally {
      setBusy(false);
    }
  }
  return { busy, submit };
}
