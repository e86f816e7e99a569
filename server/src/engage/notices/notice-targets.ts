import { EntityManager, In } from 'typeorm';
import { NoticeTargetView } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Upload } from '../../storage/upload.entity';

/**
 * The community (its name) and the named buildings / units of it, in one statement: a LEFT JOIN from the community,
 * so an unknown community gives no row and unknown targets give fewer names. Throws 404 / 400.
 */
export async function resolveTargets(
  em: EntityManager,
  companyId: number,
  communityId: number,
  kind: string,
  ids: number[],
): Promise<{ communityName: string; targets: NoticeTargetView[] }> {
  const want = kind === 'community' ? [] : [...new Set(ids)];
  const marks = want.map(() => '?').join(', ');
  const join =
    kind === 'building'
      ? `LEFT JOIN buildings b ON b.community_id = c.id AND b.id IN (${marks}) LEFT JOIN units x ON 1 = 0`
      : kind === 'unit'
        ? `LEFT JOIN units x ON x.community_id = c.id AND x.id IN (${marks}) LEFT JOIN buildings b ON b.id = x.building_id`
        : 'LEFT JOIN buildings b ON 1 = 0 LEFT JOIN units x ON 1 = 0';
  const rows: { community_name: string; bid: number | null; bname: string | null; uid: number | null; uname: string | null }[] = await em.query(
    `SELECT c.name AS community_name, b.id AS bid, b.name AS bname, x.id AS uid, x.name AS uname FROM communities c ${join}
      WHERE c.id = ? AND c.company_id = ? ORDER BY b.id, x.id`,
    [...want, communityId, companyId],
  );
  if (!rows.length) throw AppError.notFound('小区');
  const targets = namesOf(kind, rows);
  if (targets.length !== want.length) throw AppError.badRequest('所选楼栋或单元不属于该小区', [{ field: 'targetIds', message: '所选楼栋或单元不属于该小区' }]);
  return { communityName: rows[0].community_name, targets };
}

type NameRow = { bid: number | null; bname: string | null; uid: number | null; uname: string | null };
function namesOf(kind: string, rows: NameRow[]): NoticeTargetView[] {
  if (kind === 'building') return rows.filter((r) => r.bid !== null).map((r) => ({ id: Number(r.bid), name: r.bname ?? '' }));
  if (kind === 'unit') return rows.filter((r) => r.uid !== null).map((r) => ({ id: Number(r.uid), name: `${r.bname ?? ''}${r.uname ?? ''}` }));
  return [];
}

/** A notice's targets with their names (one statement; none for a community notice). */
export async function loadTargets(em: EntityManager, noticeId: number, kind: string): Promise<NoticeTargetView[]> {
  if (kind === 'community') return [];
  const join =
    kind === 'building'
      ? 'LEFT JOIN buildings b ON b.id = t.target_id LEFT JOIN units x ON 1 = 0'
      : 'LEFT JOIN units x ON x.id = t.target_id LEFT JOIN buildings b ON b.id = x.building_id';
  const rows: NameRow[] = await em.query(
    `SELECT b.id AS bid, b.name AS bname, x.id AS uid, x.name AS uname FROM notice_targets t ${join} WHERE t.notice_id = ? ORDER BY t.target_id`,
    [noticeId],
  );
  return namesOf(kind, rows);
}

/** The caller's own uploads not yet attached to anything (or already attached to this notice). 400 otherwise. */
export async function checkImages(em: EntityManager, caller: Caller, ids: number[], noticeId?: number): Promise<Upload[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await em.find(Upload, { where: { id: In(unique), companyId: caller.companyId }, order: { id: 'ASC' } });
  const ok = (u: Upload) =>
    (u.subjectId === null && u.uploaderId === caller.userId) || (noticeId !== undefined && u.subjectType === 'notice' && u.subjectId === noticeId);
  if (rows.length !== unique.length || !rows.every(ok))
    throw AppError.badRequest('图片无效或已被使用，请重新上传', [{ field: 'imageIds', message: '图片无效' }]);
  return unique.map((id) => rows.find((u) => u.id === id)!);
}
