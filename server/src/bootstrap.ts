import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { clientErrorHandler } from './common/client-error';
import { withViewSchemas } from './common/openapi/api-doc';
import { validationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { keepNotifyRawBody } from './pay/raw-body';
import { seedDemo } from './database/seed/demo-seed';
import { seedDemoBills } from './database/seed/demo-bills';
import { installStatementCounter } from './database/statement-counter';
import { answer503WhileClosing } from './lifecycle/shutdown';

/** js/app.1a2b3c4d.js, css/…, static/…: content-hashed names (miniapp/config), so cacheable forever; the rest (index.html) revalidates */
const HASHED_ASSET = /\.[0-9a-f]{8}\.\w+(\.br|\.gz)?$/;

/** Builds the whole server (not yet listening): used by main.ts and by the tests alike. */
export async function createApp(cfg: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: cfg.BODY_LIMIT_BYTES,
    trustProxy: cfg.trustProxy,
    clientErrorHandler,
    genReqId: (req: { headers: Record<string, unknown> }) => (req.headers['x-request-id'] as string) || randomUUID(),
    // answered by answer503WhileClosing in the API's error shape instead
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(cfg), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(validationPipe());
  // signals are handled by closeOnSignals (main.ts), with a time limit

  const fastify = app.getHttpAdapter().getInstance();
  if (cfg.TEST_HOOKS) installStatementCounter(fastify as never);
  answer503WhileClosing(fastify);
  keepNotifyRawBody(fastify as never);
  // which worker of a cluster answered (its number, not its pid)
  if (cluster.isWorker) fastify.addHook('onRequest', (_req, reply, done) => (reply.header('x-linli-worker', String(cluster.worker!.id)), done()));
  fastify.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", 'blob:'],
      },
    },
  });

  const swagger = new DocumentBuilder()
    .setTitle('Linli 邻里 API')
    .setDescription('物业客户服务平台接口。错误统一为 {code, message, details}。')
    .setVersion('0.1')
    .addBearerAuth()
    .build();
  if (cfg.apiDocs) SwaggerModule.setup('api/docs', app, withViewSchemas(SwaggerModule.createDocument(app, swagger)));

  // Registered even when a build is missing at boot, so rebuilding the H5 apps never needs a restart.
  for (const [i, appName] of ['resident', 'staff'].entries()) {
    const root = path.resolve(cfg.H5_DIR, appName);
    if (!fs.existsSync(path.join(root, 'index.html'))) app.get(Logger).warn(`H5 build of the ${appName} app not found at ${root}; run npm run build:h5`);
    await app.register(fastifyStatic, {
      root,
      prefix: `/${appName}/`,
      decorateReply: i === 0,
      redirect: true,
      // .br/.gz written next to each asset by miniapp/scripts/precompress.mjs at build time
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply: { header(k: string, v: string): unknown }, file: string) =>
        reply.header('cache-control', HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }
  fastify.get('/', (_req, reply) => reply.redirect('/resident/'));

  const ds = app.get(DataSource);
  if (cfg.migrateOnStart) await ds.runMigrations();
  if (cfg.seedDemo && (await seedDemo(ds, { residentAppid: cfg.WECHAT_RESIDENT_APPID ?? null })) && cfg.seedDemoBills) await seedDemoBills(ds);
  return app;
}
