import { qs } from '@common/api';

export const CASHIER_PAGE = '/pages-cashier/index/index';
export const receiptPage = (id: number) => `/pages-cashier/receipt/index${qs({ id })}`;
export const reversalPage = (id: number) => `/pages-cashier/reversal/index${qs({ id })}`;
export const CLOSE_PAGE = '/pages-cashier/close/index';
