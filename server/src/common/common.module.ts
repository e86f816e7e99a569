import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { Clock } from './clock';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { ScopeService } from './scope';

@Global()
@Module({
  providers: [Clock, ScopeService, AuditService, IdempotencyInterceptor],
  exports: [Clock, ScopeService, AuditService, IdempotencyInterceptor],
})
export class CommonModule {}
