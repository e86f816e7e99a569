import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import * as os from 'node:os';
import * as path from 'node:path';
import { WXPAY_API_BASE } from '../pay/wxpay-protocol';
import { bool, int } from './env-transforms';
import { NotifySettings } from './notify-settings';
import { repoRoot } from './repo-root';

export const DEFAULT_JWT_SECRET = 'linli-dev-secret-change-me';

/** Every setting the server reads, from the environment. Validated at boot; see README's table. */
export class AppConfig extends NotifySettings {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** mysql://user:pass@host:3306/db — when unset the embedded SQLite database is used. */
  @IsOptional()
  @IsString()
  DB_URL?: string;

  @IsString()
  DATA_DIR = path.join(repoRoot(), 'data');

  /** defaults to DATA_DIR/linli.sqlite */
  @IsOptional()
  @IsString()
  SQLITE_PATH?: string;

  @Transform(bool)
  @IsBoolean()
  ALLOW_SQLITE_IN_PRODUCTION = false;

  @Transform(bool)
  @IsOptional()
  @IsBoolean()
  MIGRATE_ON_START?: boolean;

  @Transform(bool)
  @IsOptional()
  @IsBoolean()
  SEED_DEMO?: boolean;

  /** two months of demo bills and payments for 锦绣花园 (default: with the demo seed, except under NODE_ENV=test) */
  @Transform(bool)
  @IsOptional()
  @IsBoolean()
  SEED_DEMO_BILLS?: boolean;

  /** serve the OpenAPI document and its page at /api/docs (default: outside production only) */
  @Transform(bool)
  @IsOptional()
  @IsBoolean()
  API_DOCS?: boolean;

  /** HTTP worker processes behind one port (node:cluster); default: one per CPU core in production, else 1 */
  @Transform(int)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  WEB_CONCURRENCY?: number;

  /** database connections per worker process (MySQL/MariaDB); the server holds at most WEB_CONCURRENCY × this */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /** on SIGTERM, requests still running after this are cut and the process exits */
  @Transform(int)
  @IsInt()
  @Min(100)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @IsString()
  @MinLength(16)
  JWT_SECRET = DEFAULT_JWT_SECRET;

  @Transform(int)
  @IsInt()
  @Min(60)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(int)
  @IsInt()
  @Min(1)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @Transform(bool)
  @IsOptional()
  @IsBoolean()
  DEV_LOGIN?: boolean;

  @IsString()
  WECHAT_API_BASE = 'https://api.weixin.qq.com';

  @IsOptional()
  @IsString()
  WECHAT_RESIDENT_APPID?: string;
  @IsOptional()
  @IsString()
  WECHAT_RESIDENT_SECRET?: string;
  @IsOptional()
  @IsString()
  WECHAT_STAFF_APPID?: string;
  @IsOptional()
  @IsString()
  WECHAT_STAFF_SECRET?: string;

  @Transform(int)
  @IsInt()
  @Min(1000)
  WECHAT_TIMEOUT_MS = 5000;

  /** WeChat Pay APIv3 address; production accepts only WeChat Pay's own (never the test fake) */
  @IsString()
  WXPAY_API_BASE = WXPAY_API_BASE;

  /** the public https address of POST /api/pay/notify (outside production: this server's loopback address when unset) */
  @IsOptional()
  @IsString()
  WXPAY_NOTIFY_URL?: string;

  /** JSON array of merchants, one per company, naming their key files (server/src/pay/merchant-config.ts, README) */
  @IsOptional()
  @IsString()
  WXPAY_MERCHANTS_FILE?: string;

  /** or a single company's merchant: ids here, secrets only in the named files */
  @Transform(int)
  @IsOptional()
  @IsInt()
  @Min(1)
  WXPAY_COMPANY_ID?: number;
  @IsOptional()
  @IsString()
  WXPAY_MCHID?: string;
  @IsOptional()
  @IsString()
  WXPAY_APPID?: string;
  @IsOptional()
  @IsString()
  WXPAY_SERIAL_NO?: string;
  @IsOptional()
  @IsString()
  WXPAY_PRIVATE_KEY_FILE?: string;
  @IsOptional()
  @IsString()
  WXPAY_APIV3_KEY_FILE?: string;
  /** comma-separated platform certificate files (certificate mode) */
  @IsOptional()
  @IsString()
  WXPAY_PLATFORM_CERT_FILES?: string;
  /** WeChat Pay public key file and its PUB_KEY_ID_… (public-key mode) */
  @IsOptional()
  @IsString()
  WXPAY_PUBLIC_KEY_FILE?: string;
  @IsOptional()
  @IsString()
  WXPAY_PUBLIC_KEY_ID?: string;
  /** outside production with no merchant: pay the demo company against the fake WeChat Pay on loopback (default true) */
  @Transform(bool)
  @IsOptional()
  @IsBoolean()
  WXPAY_DEV_FAKE?: boolean;

  @IsString()
  H5_DIR = path.join(repoRoot(), 'miniapp', 'dist', 'h5');

  @Transform(int)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** write each log line before going on (the tests read the log as it happens); default: pino's async writer */
  @Transform(bool)
  @IsBoolean()
  LOG_SYNC = false;

  @Transform(int)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /**
   * The reverse proxies whose X-Forwarded-For is believed for the client address (the login rate limit counts per
   * address): addresses / CIDRs (or loopback, linklocal, uniquelocal) naming them. Default: none — a client could
   * otherwise pick a fresh address per request. `true` (trust everyone) is refused.
   */
  @IsString()
  TRUST_PROXY = 'false';

  /** consecutive failed password logins that lock a staff account (counted in the database, across instances) */
  @Transform(int)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_FAILURES = 10;

  @Transform(int)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_MINUTES = 15;

  /** how long an instance may rely on a user's cached active state, token version and scope (ms, at most 5 s) */
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(5000)
  AUTH_CACHE_TTL_MS = 5000;

  /** pass verifications per guard per minute (in memory, per instance) */
  @Transform(int)
  @IsInt()
  @Min(1)
  PASS_VERIFY_RATE_PER_MINUTE = 60;

  /** uploads per user per minute, and megabytes per user per day (counted from the uploads table) */
  @Transform(int)
  @IsInt()
  @Min(1)
  UPLOAD_RATE_PER_MINUTE = 20;

  @Transform(int)
  @IsInt()
  @Min(1)
  UPLOAD_DAILY_MB = 200;

  /** uploads never attached to a ticket are deleted (file and row) after this many hours */
  @Transform(int)
  @IsInt()
  @Min(1)
  UPLOAD_UNATTACHED_TTL_HOURS = 24;

  /** rooms per batch of a bill run (one transaction each; the run's progress moves per batch) */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(5000)
  BILL_RUN_BATCH_ROOMS = 500;

  /** completed repairs not confirmed by the resident within this many days are confirmed automatically */
  @Transform(int)
  @IsInt()
  @Min(1)
  AUTO_CONFIRM_DAYS = 3;

  /** a paper complaint may be back-filled (receivedAt) at most this many days back */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(366)
  BACKFILL_MAX_DAYS = 30;

  /** a repair visit may be agreed (schedule) or proposed at most this many days ahead; the app's date picker ends there */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(366)
  VISIT_MAX_DAYS = 30;

  /** how often background jobs (auto-confirm) run; 0 turns them off */
  @Transform(int)
  @IsInt()
  @Min(0)
  JOB_INTERVAL_SECONDS = 60;

  /** mounts /api/test/* (clock control, run jobs now) for the end-to-end tests; never in production */
  @Transform(bool)
  @IsBoolean()
  TEST_HOOKS = false;

  get trustProxy(): false | string {
    return ['false', 'none', ''].includes(this.TRUST_PROXY.trim()) ? false : this.TRUST_PROXY;
  }
  get isProduction() {
    return this.NODE_ENV === 'production';
  }
  get dbType(): 'mysql' | 'better-sqlite3' {
    return this.DB_URL ? 'mysql' : 'better-sqlite3';
  }
  get sqlitePath() {
    return this.SQLITE_PATH ?? path.join(this.DATA_DIR, 'linli.sqlite');
  }
  /** development/test without a merchant, one process: the server starts the fake WeChat Pay itself (never production) */
  get devFakePay() {
    return !this.isProduction && (this.WXPAY_DEV_FAKE ?? true) && !this.WXPAY_MCHID && !this.WXPAY_MERCHANTS_FILE && this.workers === 1;
  }
  get devLogin() {
    return this.DEV_LOGIN ?? !this.isProduction;
  }
  get migrateOnStart() {
    return this.MIGRATE_ON_START ?? !this.isProduction;
  }
  get seedDemo() {
    return this.SEED_DEMO ?? !this.isProduction;
  }
  get seedDemoBills() {
    return this.seedDemo && (this.SEED_DEMO_BILLS ?? this.NODE_ENV !== 'test');
  }
  get apiDocs() {
    return this.API_DOCS ?? !this.isProduction;
  }
  /** the embedded SQLite has one writer: one process */
  get workers() {
    if (this.dbType === 'better-sqlite3') return 1;
    return this.WEB_CONCURRENCY ?? (this.isProduction ? os.availableParallelism() : 1);
  }
}
