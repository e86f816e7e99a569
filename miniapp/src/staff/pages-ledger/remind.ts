import Taro from '@tarojs/taro';
import type { ArrearsRemindResult } from '@linli/shared';
import { api, ApiError, showError } from '@common/api';
import { formatTime } from '@common/format';

/** 催缴 a building after a confirmation; true when sent. The server allows one a day per building. */
export async function remindBuilding(communityId: number, buildingId: number, name: string, overdueRooms: number): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '发送催缴提醒',
    content: `向${name} ${overdueRooms} 户欠费房屋的缴费住户发送缴费提醒（消息中心，已订阅的同时发微信）。每栋楼每 24 小时只能催缴一次。`,
    confirmText: '发送',
  });
  if (!confirm) return false;
  try {
    const r = await api.post<ArrearsRemindResult>('/api/fees/arrears/remind', { communityId, buildingId }, { silent: true });
    void Taro.showToast({ title: `已提醒 ${r.rooms} 户（${r.recipients} 人）`, icon: 'none', duration: 2500 });
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      const at = (e.details as { allowedAt?: string } | undefined)?.allowedAt;
      await Taro.showModal({ title: '暂不能催缴', content: at ? `${name}今天已催缴过，${formatTime(at)} 后可再次催缴。` : e.message, showCancel: false });
    } else showError(e);
    return false;
  }
}
