import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { StatementCountingLogger } from './statement-counter';

export function dataSourceOptions(cfg: AppConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsTableName: 'migrations', synchronize: false, logging: false } as const;
  // counts each request's statements (read only with TEST_HOOKS: x-sql-statements); a no-op outside a request
  const counted = { ...common, logger: new StatementCountingLogger(false) };
  if (cfg.DB_URL) {
    return {
      ...counted,
      type: 'mysql',
      url: cfg.DB_URL.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4_unicode_ci',
      // Instants are stored in UTC; Asia/Shanghai is applied only when reasoning about days.
      timezone: 'Z',
      // trace: mysql2's promise API captures a stack trace for every query (2 % of the server's CPU in the bench);
      // a failed query's error keeps its code and message
      extra: { connectionLimit: cfg.DB_POOL_SIZE, trace: false },
      // one transaction per migration so a failed one leaves no half-applied schema behind (DDL aside)
      migrationsTransactionMode: 'each',
    };
  }
  fs.mkdirSync(path.dirname(path.resolve(cfg.sqlitePath)), { recursive: true });
  return {
    ...counted,
    type: 'better-sqlite3',
    database: cfg.sqlitePath,
    // WAL lets readers go on while one writer commits; busy_timeout waits for the writer instead of failing.
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

export function createDataSource(cfg: AppConfig) {
  return new DataSource(dataSourceOptions(cfg));
}
