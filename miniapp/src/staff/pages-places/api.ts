import Taro from '@tarojs/taro';
import { newIdempotencyKey, request } from '@common/api';

/** 小区与房屋 (admin): the few calls the three pages share. */
export const places = {
  create: <T>(path: string, body: unknown) => request<T>('POST', path, body, { idempotencyKey: newIdempotencyKey() }),
  update: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};

/** Asks before a place leaves (or comes back to) the residents' pickers. */
export async function confirmActive(what: string, active: boolean) {
  const { confirm } = await Taro.showModal({
    title: active ? `启用${what}` : `停用${what}`,
    content: active ? `启用后住户绑定房屋时可再次选择该${what}。` : `停用后住户绑定房屋时不再显示该${what}，已有的工单和绑定不受影响。`,
  });
  return confirm;
}
