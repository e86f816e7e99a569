export const roomPage = (roomId: number) => `/pages-charges/room/index?roomId=${roomId}`;
export const contractsPage = (roomId: number) => `/pages-charges/contracts/index?roomId=${roomId}`;
export const chargePage = (roomId: number) => `/pages-charges/charge/index?roomId=${roomId}`;
export const requestPage = (roomId: number, lineId: number) => `/pages-charges/request/index?roomId=${roomId}&lineId=${lineId}`;

/** "¥12.30" from what the cashier typed ("12.3"), or null. */
export function centsOf(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export { adjustmentText } from '@common/fees/adjustment';
