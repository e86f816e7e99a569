import { useState } from 'react';
import { View } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';
import type { BindingView, Me } from '@linli/shared';
import './resident-tiles.css';

/**
 * Where a new 报修 / 投诉 is about: one of the resident's rooms, or a public place
 * (community chips when there are several, and a free-text place).
 * Hook classes: `e2e-${hook}-room-<id>`, `e2e-${hook}-public`, `e2e-${hook}-community-<id>`; the input has `inputClass`.
 */
export function ResidentPlaceChooser(props: {
  hook: string;
  /** approved bindings */
  rooms: BindingView[];
  currentRoomId: number | null | undefined;
  /** the chosen (or default) room */
  roomId: number;
  isPublic: boolean;
  publicLabel: string;
  onRoom: (roomId: number) => void;
  onPublic: () => void;
  /** the chosen (or default) community of the public place */
  communityId: number;
  onCommunity: (communityId: number) => void;
  inputClass: string;
  /** the placeholder after the community name */
  placeholder: string;
  place: string;
  onPlace: (v: string) => void;
}) {
  const { hook, rooms, isPublic, communityId } = props;
  const communities = rooms.filter((b, i) => rooms.findIndex((x) => x.communityId === b.communityId) === i);
  const defaultRoom = rooms.find((b) => b.roomId === props.currentRoomId) ?? rooms[0];
  return (
    <>
      <View className="ll-chips">
        {rooms.map((b) => (
          <View
            key={b.roomId}
            className={`ll-chip e2e-${hook}-room-${b.roomId} ${!isPublic && props.roomId === b.roomId ? 'is-active' : ''}`}
            onClick={() => props.onRoom(b.roomId)}
          >
            {rooms.length > 1 || b.roomId !== props.currentRoomId ? `${b.communityName} ${b.roomLabel}` : `我的房屋 ${b.roomLabel}`}
          </View>
        ))}
        <View className={`ll-chip e2e-${hook}-public ${isPublic ? 'is-active' : ''}`} onClick={props.onPublic}>
          {props.publicLabel}
        </View>
      </View>
      {isPublic && (
        <View>
          {communities.length > 1 && (
            <View className="ll-chips">
              {communities.map((c) => (
                <View
                  key={c.communityId}
                  className={`ll-chip e2e-${hook}-community-${c.communityId} ${communityId === c.communityId ? 'is-active' : ''}`}
                  onClick={() => props.onCommunity(c.communityId)}
                >
                  {c.communityName}
                </View>
              ))}
            </View>
          )}
          <Input
            className={`ll-input ${props.inputClass}`}
            placeholder={`${communities.length > 1 ? '' : `${defaultRoom.communityName} `}${props.placeholder}`}
            value={props.place}
            onChange={props.onPlace}
            maxLength={100}
          />
        </View>
      )}
    </>
  );
}

/**
 * The place state of a new 报修 / 投诉: the approved rooms, the chosen room (the current one by default)
 * or a public place in a community. `roomId` / `communityId` are 0 only when there are no rooms.
 */
export function useResidentPlace(me: Me | undefined) {
  const rooms: BindingView[] = me?.bindings.filter((b) => b.status === 'approved') ?? [];
  const [isPublic, setIsPublic] = useState(false);
  const [roomId, setRoomId] = useState<number | null>(null);
  const [communityId, setCommunityId] = useState<number | null>(null);
  const defaultRoom = rooms.find((b) => b.roomId === me?.currentRoomId) ?? rooms[0];
  const room = rooms.find((b) => b.roomId === roomId) ?? defaultRoom;
  const publicCommunityId = communityId ?? defaultRoom?.communityId ?? 0;
  return {
    rooms,
    isPublic,
    setIsPublic,
    roomId: room?.roomId ?? 0,
    communityId: publicCommunityId,
    /** the props of ResidentPlaceChooser for this state */
    chooser: {
      rooms,
      currentRoomId: me?.currentRoomId,
      roomId: room?.roomId ?? 0,
      isPublic,
      onRoom: (id: number) => {
        setIsPublic(false);
        setRoomId(id);
      },
      onPublic: () => setIsPublic(true),
      communityId: publicCommunityId,
      onCommunity: setCommunityId,
    },
  };
}
