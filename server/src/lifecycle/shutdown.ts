import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ERROR_MESSAGES, ErrorCode } from '@linli/shared';
import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';

/**
 * Replaces fastify's own 503 body for requests that arrive on a kept-alive connection while the server closes
 * (`return503OnClosing` must be off) with the API's {code, message}, and asks the client to reconnect.
 */
export function answer503WhileClosing(fastify: FastifyInstance) {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (_req, reply, done) => {
    if (!closing) return done();
    void reply
      .status(503)
      .header('connection', 'close')
      .header('retry-after', '1')
      .send({ code: ErrorCode.ServiceUnavailable, message: ERROR_MESSAGES.SERVICE_UNAVAILABLE });
  });
}

/**
 * SIGTERM / SIGINT close the app (jobs stop and hand back their work, the HTTP server drains, the pool closes).
 * Requests still running after `timeoutMs` have their connections cut so the drain ends; the process exits at
 * the latest a few seconds after that, whatever is still hanging.
 */
export function closeOnSignals(app: NestFastifyApplication, timeoutMs: number) {
  const log = new Logger('Shutdown');
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    log.log(`${signal}: shutting down (at most ${timeoutMs} ms)`);
    const cut = setTimeout(() => {
      log.warn(`requests still running after ${timeoutMs} ms: closing their connections`);
      (app.getHttpServer() as Server).closeAllConnections();
    }, timeoutMs);
    const hard = setTimeout(() => {
      log.error('shutdown did not finish: exiting anyway');
      process.exit(1);
    }, timeoutMs + 3000);
    cut.unref();
    hard.unref();
    app.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error(e);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}
