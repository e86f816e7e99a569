import { Global, Module } from '@nestjs/common';
import { AccessCache } from './access-cache';
import { AuditService } from './audit.service';
import { Clock } from './clock';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { ScopeService } from './scope';

@Global()
@Module({
  providers: [AccessCache, Clock, ScopeService, AuditService, IdempotencyInterceptor],
  exports: [AccessCache, Clock, ScopeService, AuditService, IdempotencyInterceptor],
})
export class CommonModule {}
