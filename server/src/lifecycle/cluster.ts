import cluster, { Worker } from 'node:cluster';
import { AppConfig } from '../config/app-config';
import { createDataSource } from '../database/data-source';
import { seedDemo } from '../database/seed/demo-seed';
import { seedDemoBills } from '../database/seed/demo-bills';
import { printBanner } from './banner';

type Ready = { type: 'linli-listening'; url: string };
const log = (msg: string) => console.log(JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, context: 'Cluster', msg }));

/** Migrations and the demo seed run once, in the primary, before any worker starts. */
async function prepareDatabase(cfg: AppConfig) {
  if (!cfg.migrateOnStart && !cfg.seedDemo) return;
  const ds = await createDataSource(cfg).initialize();
  try {
    if (cfg.migrateOnStart) await ds.runMigrations();
    if (cfg.seedDemo && (await seedDemo(ds, { residentAppid: cfg.WECHAT_RESIDENT_APPID ?? null })) && cfg.seedDemoBills) await seedDemoBills(ds);
  } finally {
    await ds.destroy();
  }
}

/**
 * The primary of `WEB_CONCURRENCY` > 1: forks the HTTP workers (they share the port; the background jobs are
 * safe across processes), restarts one that dies, and on SIGTERM / SIGINT stops them all and exits.
 */
export async function runPrimary(cfg: AppConfig) {
  await prepareDatabase(cfg);
  const workers = cfg.workers;
  const env = { MIGRATE_ON_START: 'false', SEED_DEMO: 'false' };
  let listening = 0;
  let stopping = false;

  const fork = () => {
    const w = cluster.fork(env);
    w.on('message', (m: Ready) => {
      if (m?.type !== 'linli-listening') return;
      if (++listening === workers) printBanner(cfg, m.url, workers);
    });
    return w;
  };
  cluster.on('exit', (w: Worker, code, signal) => {
    if (stopping) return;
    if (listening < workers) {
      console.error(`worker ${w.process.pid} exited (${signal ?? code}) before the server was up`);
      process.exit(1);
    }
    log(`worker ${w.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(fork, 1000).unref();
  });
  for (let i = 0; i < workers; i++) fork();

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} workers`);
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    const exits = alive.map((w) => new Promise<number>((r) => (w.isDead() ? r(w.process.exitCode ?? 0) : w.once('exit', (code) => r(code ?? 1)))));
    for (const w of alive) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of alive) if (!w.isDead()) w.process.kill('SIGKILL');
      process.exit(1);
    }, cfg.SHUTDOWN_TIMEOUT_MS + 5000).unref();
    void Promise.all(exits).then((codes) => process.exit(codes.every((c) => c === 0) ? 0 : 1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** In a worker: tell the primary where it listens (it prints the banner once all are up). */
export function reportListening(url: string) {
  process.send?.({ type: 'linli-listening', url } satisfies Ready);
}
