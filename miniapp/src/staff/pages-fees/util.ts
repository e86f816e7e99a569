import { qs } from '@common/api';

export const ITEMS_PAGE = '/pages-fees/items/index';
export const editPage = (communityId: number, id?: number) => `/pages-fees/edit/index${qs({ communityId, id })}`;
