import cluster from 'node:cluster';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from './config/app-config';
import { ConfigError, loadConfig } from './config/load-config';
import { repoRoot } from './config/repo-root';
import { baseUrl, printBanner } from './lifecycle/banner';
import { reportListening, runPrimary } from './lifecycle/cluster';
import { closeOnSignals } from './lifecycle/shutdown';

function config(): AppConfig {
  const envFile = path.join(repoRoot(), '.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

/** One HTTP server process: alone, or a worker of the cluster (WEB_CONCURRENCY > 1). */
async function serve(cfg: AppConfig) {
  // loaded here, so the cluster's primary never loads the Nest application
  const { createApp } = await import('./bootstrap.js');
  const app = await createApp(cfg);
  closeOnSignals(app, cfg.SHUTDOWN_TIMEOUT_MS);
  await app.listen(cfg.PORT, cfg.HOST);
  const { port } = app.getHttpServer().address() as { port: number };
  if (cluster.isWorker) reportListening(baseUrl(cfg, port));
  else printBanner(cfg, baseUrl(cfg, port));
}

async function main() {
  const cfg = config();
  if (cluster.isPrimary && cfg.workers > 1) await runPrimary(cfg);
  else await serve(cfg);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
