import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { createSecretKey, randomUUID } from 'node:crypto';
import { AuthModule } from './auth/auth.module';
import { AccessGuard } from './common/access.guard';
import { CommonModule } from './common/common.module';
import { ErrorFilter } from './common/error-filter';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DutyModule } from './duty/duty.module';
import { FeesModule } from './fees/fees.module';
import { NotifyModule } from './notify/notify.module';
import { HealthController } from './health/health.controller';
import { OrgModule } from './org/org.module';
import { PassesModule } from './passes/passes.module';
import { SurveysModule } from './engage/surveys/surveys.module';
import { NoticesModule } from './engage/notices/notices.module';
import { PayModule } from './pay/pay.module';
import { ReportsModule } from './reports/reports.module';
import { SlaModule } from './sla/sla.module';
import { StorageModule } from './storage/storage.module';
import { TestHooksModule } from './test-hooks/test-hooks.module';
import { TicketsModule } from './tickets/tickets.module';
import { WechatModule } from './wechat/wechat.module';
import { WorkbenchModule } from './workbench/workbench.module';
import { VisitsModule } from './engage/visits/visits.module';

@Module({})
export class AppModule {
  static forRoot(cfg: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(cfg),
        LoggerModule.forRoot({
          // the API's requests (the library's default pattern '{/*splat}' matches no route on Nest 12's Fastify
          // adapter: no request was logged, in-request lines had no request id); the H5 apps' static files are not
          forRoutes: [{ path: 'api/{*splat}', method: RequestMethod.ALL }],
          pinoHttp: [
            {
              level: cfg.LOG_LEVEL,
              genReqId: (req) => (req.headers['x-request-id'] as string) || randomUUID(),
              // a failed query's bound values may be a resident's name, room or phone (an anonymous complaint's too)
              redact: ['req.headers.authorization', 'req.headers.cookie', 'err.parameters', 'err.driverError.parameters'],
              customProps: (req) => ({ callerId: (req as unknown as { caller?: { userId: number } }).caller?.userId }),
              // the access line: no headers, no query string (a staff search may carry a name or a phone number)
              serializers: {
                req: (r: { id: unknown; method: string; url: string }) => ({ id: r.id, method: r.method, path: String(r.url).split('?')[0] }),
                res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }),
              },
            },
            pino.destination({ dest: 1, sync: cfg.LOG_SYNC }),
          ],
        }),
        TypeOrmModule.forRoot(dataSourceOptions(cfg)),
        // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as a public key
        // on every verification, which costs more than the rest of a request's auth.
        JwtModule.register({ global: true, secret: createSecretKey(Buffer.from(cfg.JWT_SECRET)) as unknown as string }),
        // per instance, in memory: a brake on password guessing, not a quota
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: cfg.LOGIN_RATE_LIMIT_PER_MINUTE }]),
        CommonModule,
        WechatModule,
        OrgModule,
        AuthModule,
        SlaModule,
        StorageModule,
        TicketsModule,
        NotifyModule,
        DutyModule,
        FeesModule,
        PayModule,
        PassesModule,
        SurveysModule,
        NoticesModule,
        WorkbenchModule,
        VisitsModule,
        ReportsModule,
        ...(cfg.TEST_HOOKS ? [TestHooksModule] : []),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
