import { AppConfig } from '../config/app-config';
import { DEMO_ACCOUNTS } from '../database/seed/demo-accounts';

/** What `npm start` prints once the server listens; the last line is machine-readable for scripts and tests. */
export function printBanner(cfg: AppConfig, base: string, workers = 1) {
  const lines = [
    '',
    `邻里 Linli server (${cfg.NODE_ENV}, ${cfg.dbType === 'mysql' ? 'MySQL/MariaDB' : 'SQLite ' + cfg.sqlitePath}${workers > 1 ? `, ${workers} workers` : ''})`,
    `  住户端 H5   ${base}/resident/`,
    `  员工端 H5   ${base}/staff/`,
    ...(cfg.apiDocs ? [`  API 文档    ${base}/api/docs`] : []),
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

export function baseUrl(cfg: AppConfig, port: number) {
  return `http://${cfg.HOST === '0.0.0.0' ? '127.0.0.1' : cfg.HOST}:${port}`;
}
