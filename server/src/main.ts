import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from './config/app-config';
import { repoRoot } from './config/repo-root';
import { createApp } from './bootstrap';
import { DEMO_ACCOUNTS } from './database/seed/demo-accounts';

async function main() {
  const envFile = path.join(repoRoot(), '.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  let cfg;
  try {
    cfg = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const app = await createApp(cfg);
  await app.listen(cfg.PORT, cfg.HOST);
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://${cfg.HOST === '0.0.0.0' ? '127.0.0.1' : cfg.HOST}:${port}`;
  const lines = [
    '',
    `邻里 Linli server (${cfg.NODE_ENV}, ${cfg.dbType === 'mysql' ? 'MySQL/MariaDB' : 'SQLite ' + cfg.sqlitePath})`,
    `  住户端 H5   ${base}/resident/`,
    `  员工端 H5   ${base}/staff/`,
    `  API 文档    ${base}/api/docs`,
    `  健康检查    ${base}/api/health`,
  ];
  if (cfg.devLogin) {
    lines.push('', '演示账号 (dev login):');
    for (const r of DEMO_ACCOUNTS.residents) lines.push(`  住户 ${r.name.padEnd(4)} 登录码 ${r.code.padEnd(9)} ${r.note}`);
    for (const s of DEMO_ACCOUNTS.staff) lines.push(`  员工 ${s.username.padEnd(12)} 密码 ${s.password}  ${s.name}`);
  }
  console.log(lines.join('\n') + '\n');
  // one machine-readable line for scripts and tests that start the server on port 0
  console.log(`LINLI_LISTENING ${base}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
