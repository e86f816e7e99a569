import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import mysql from 'mysql2/promise';

export interface TestDb {
  kind: 'mysql' | 'sqlite';
  /** what the server needs to reach this database */
  env: Record<string, string>;
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

function adminOptions(base: string) {
  const url = new URL(base.replace(/^mariadb:/, 'mysql:'));
  return {
    url,
    conn: { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
  };
}

/**
 * A fresh, empty database per test file: a new schema on the MariaDB of TEST_DB_URL when TEST_DB=mysql,
 * else a new SQLite file. Test files therefore run in parallel and leave nothing behind.
 */
export async function createTestDb(): Promise<TestDb> {
  const name = `linli_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (process.env.TEST_DB === 'mysql') {
    if (!process.env.TEST_DB_URL) throw new Error('TEST_DB=mysql needs TEST_DB_URL (e.g. mysql://root@127.0.0.1:3306/test)');
    const { url, conn } = adminOptions(process.env.TEST_DB_URL);
    const admin = await mysql.createConnection(conn);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    url.pathname = `/${name}`;
    const pool = mysql.createPool({ ...conn, database: name, connectionLimit: 2, timezone: 'Z' });
    return {
      kind: 'mysql',
      env: { DB_URL: url.toString() },
      query: async (sql, params = []) => (await pool.query(sql, params))[0] as any[],
      drop: async () => {
        await pool.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await pool.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-'));
  const file = path.join(dir, `${name}.sqlite`);
  let db: Database.Database | undefined;
  const open = () => (db ??= new Database(file, { timeout: 5000 }));
  return {
    kind: 'sqlite',
    env: { DATA_DIR: dir, SQLITE_PATH: file },
    query: async (sql, params = []) => {
      const stmt = open().prepare(sql);
      return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as any[];
    },
    drop: async () => {
      db?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
