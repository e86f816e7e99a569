import { loadConfig } from '../config/load-config';
import { createDataSource } from './data-source';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
async function main() {
  const ds = createDataSource(loadConfig());
  await ds.initialize();
  const done = await ds.runMigrations();
  console.log(done.length ? `已执行迁移: ${done.map((m) => m.name).join(', ')}` : '数据库已是最新');
  await ds.destroy();
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
