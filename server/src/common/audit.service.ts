import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from './caller';
import { Clock } from './clock';
import { AuditLog } from './entities/audit-log.entity';

@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  record(em: EntityManager, caller: Caller, action: string, subjectType: string, subjectId: number, details?: Record<string, unknown>) {
    return em.getRepository(AuditLog).insert({
      companyId: caller.companyId,
      actorId: caller.userId,
      action,
      subjectType,
      subjectId,
      details: (details ?? null) as never,
      at: this.clock.now(),
    });
  }
}
