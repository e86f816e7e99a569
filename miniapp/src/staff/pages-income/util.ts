import { qs } from '@common/api';

export const LIST_PAGE = '/pages-income/list/index';
export const editPage = (communityId: number, id?: number) => `/pages-income/edit/index${qs({ communityId, id })}`;
