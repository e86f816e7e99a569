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
 * payment's transaction — at the counter and from WeChat Pay alike (PaymentsService.take). A hook claims lines by
 * the prefix of their source key, so a payment of other lines costs no statement.
 */
@Injectable()
export class PaidLinesHooks {
  private readonly hooks: { prefix: string; run: Hook }[] = [];

  register(sourceKeyPrefix: string, run: Hook) {
    this.hooks.push({ prefix: sourceKeyPrefix, run });
  }

  async run(em: EntityManager, lines: PaidLine[], at: Date) {
    for (const h of this.hooks) {
      const mine = lines.filter((l) => l.sourceKey.startsWith(h.prefix));
      if (mine.length) await h.run(em, mine, at);
    }
  }
}
