import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A bill line a payment just paid in full. */
export interface PaidLine {
  id: number;
  sourceKey: string;
}

type Hook = (em: EntityManager, lines: PaidLine[], at: Date) => Promise<void>;

/**
 * What other features do when bill lines they created are paid in full (a parking pass issued), inside the
 * payment's transaction — at the counter and from WeChat Pay alike (PaymentsService.take) — and when an approved
 * void or refund opens such a line again (the pass revoked, ReversalsService.decide). A hook claims lines by the
 * prefix of their source key, so other lines cost no statement.
 */
@Injectable()
export class PaidLinesHooks {
  private readonly hooks: { prefix: string; run: Hook }[] = [];
  private readonly reopenHooks: { prefix: string; run: Hook }[] = [];

  register(sourceKeyPrefix: string, run: Hook) {
    this.hooks.push({ prefix: sourceKeyPrefix, run });
  }

  registerReopened(sourceKeyPrefix: string, run: Hook) {
    this.reopenHooks.push({ prefix: sourceKeyPrefix, run });
  }

  run(em: EntityManager, lines: PaidLine[], at: Date) {
    return runClaimed(this.hooks, em, lines, at);
  }

  reopened(em: EntityManager, lines: PaidLine[], at: Date) {
    return runClaimed(this.reopenHooks, em, lines, at);
  }
}

async function runClaimed(hooks: { prefix: string; run: Hook }[], em: EntityManager, lines: PaidLine[], at: Date) {
  for (const h of hooks) {
    const mine = lines.filter((l) => l.sourceKey.startsWith(h.prefix));
    if (mine.length) await h.run(em, mine, at);
  }
}
