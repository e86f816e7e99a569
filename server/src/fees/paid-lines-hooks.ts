import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Enqueue } from '../notify/notify.service';

/** A bill line a payment just paid in full. */
export interface PaidLine {
  id: number;
  sourceKey: string;
}

/** `preloaded`: the hook's column of the payment's load; the notices come back to go out with the payment's own. */
type PaidHook = (em: EntityManager, lines: PaidLine[], at: Date, preloaded: unknown) => Promise<Enqueue[]>;
type ReopenedHook = (em: EntityManager, lines: PaidLine[], at: Date) => Promise<void>;

/**
 * What other features do when bill lines they created are paid in full (a parking pass issued), inside the
 * payment's transaction — at the counter and from WeChat Pay alike (PaymentsService.take) — and when an approved
 * void or refund opens such a line again (the pass revoked, ReversalsService.decide). A hook claims lines by the
 * prefix of their source key, so other lines cost no statement. What a paid hook reads comes with the payment's
 * load (`preload`: one column, the room as `r`), and its notices are inserted with the payment's.
 */
@Injectable()
export class PaidLinesHooks {
  private readonly hooks: { prefix: string; run: PaidHook; preload?: (em: EntityManager) => string }[] = [];
  private readonly reopenHooks: { prefix: string; run: ReopenedHook }[] = [];

  register(sourceKeyPrefix: string, run: PaidHook, preload?: (em: EntityManager) => string) {
    this.hooks.push({ prefix: sourceKeyPrefix, run, preload });
  }

  registerReopened(sourceKeyPrefix: string, run: ReopenedHook) {
    this.reopenHooks.push({ prefix: sourceKeyPrefix, run });
  }

  /** The hooks' columns for a payment's load (`, (…) AS paid_hook_0 …`), the room aliased `r`. */
  preloadColumns(em: EntityManager): string {
    return this.hooks.map((h, i) => (h.preload ? `, ${h.preload(em)} AS paid_hook_${i}` : '')).join('');
  }

  /** The hooks of the lines paid in full; `loaded` is the payment's load row (with the preloadColumns). */
  async run(em: EntityManager, lines: PaidLine[], at: Date, loaded: object): Promise<Enqueue[]> {
    const notices: Enqueue[] = [];
    for (const [i, h] of this.hooks.entries()) {
      const mine = lines.filter((l) => l.sourceKey.startsWith(h.prefix));
      if (!mine.length) continue;
      const column = `paid_hook_${i}`;
      // a load that feeds take() without preloadColumns would leave the hook nothing to act on, silently
      if (h.preload && !(column in loaded)) throw new Error(`PaidLinesHooks: the payment's load has no ${column} (preloadColumns)`);
      notices.push(...(await h.run(em, mine, at, (loaded as Record<string, unknown>)[column])));
    }
    return notices;
  }

  async reopened(em: EntityManager, lines: PaidLine[], at: Date) {
    for (const h of this.reopenHooks) {
      const mine = lines.filter((l) => l.sourceKey.startsWith(h.prefix));
      if (mine.length) await h.run(em, mine, at);
    }
  }
}
