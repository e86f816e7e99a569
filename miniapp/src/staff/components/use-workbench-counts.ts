import { useCallback, useState } from 'react';
import type { WorkbenchCounts } from '@linli/shared';
import { api } from '@common/api';
import { hasSession } from '@common/session';
import { usePolling } from '@common/use-polling';

/**
 * The to-do counts per workbench tile (and, for managers, the communities with no notice this month), refreshed
 * each time the workbench is shown and every 30 s while it is.
 */
export function useWorkbenchCounts(enabled: boolean): WorkbenchCounts {
  const [counts, setCounts] = useState<WorkbenchCounts>({ tiles: {} });
  const refresh = useCallback(() => {
    if (!enabled || !hasSession()) return;
    api
      .get<WorkbenchCounts>('/api/staff/workbench/counts', { silent: true })
      .then((r) => setCounts({ tiles: r.tiles ?? {}, noticeGaps: r.noticeGaps }))
      .catch(() => undefined);
  }, [enabled]);
  usePolling(refresh, enabled);
  return counts;
}
