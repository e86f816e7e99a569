export const RECON_PAGE = '/pages-pay/recon/index';
export const REFUNDS_PAGE = '/pages-pay/refunds/index';
