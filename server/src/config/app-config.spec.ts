import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from './app-config';
import { ConfigError, loadConfig } from './load-config';
import { repoRoot } from './repo-root';

const GOOD_SECRET = 'a-production-secret-of-some-length';
const PROD_OK = { NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, DB_URL: 'mysql://linli:pw@db:3306/linli' };

/** The ConfigError message of a refused environment. */
function refusal(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}
const problems = (env: Record<string, string | undefined>) =>
  refusal(env)
    .split('\n')
    .slice(1)
    .map((l) => l.trim());

describe('loadConfig: defaults', () => {
  it('an empty environment is a working development setup', () => {
    const cfg = loadConfig({});
    expect(cfg).toBeInstanceOf(AppConfig);
    expect(cfg).toEqual(
      expect.objectContaining({
        NODE_ENV: 'development',
        PORT: 3000,
        HOST: '127.0.0.1',
        ACCESS_TOKEN_TTL_SECONDS: 900,
        REFRESH_TOKEN_TTL_DAYS: 30,
        WECHAT_API_BASE: 'https://api.weixin.qq.com',
        WECHAT_TIMEOUT_MS: 5000,
        BODY_LIMIT_BYTES: 1024 * 1024,
        LOG_LEVEL: 'info',
        LOGIN_RATE_LIMIT_PER_MINUTE: 20,
        ALLOW_SQLITE_IN_PRODUCTION: false,
        TRUST_PROXY: 'false',
      }),
    );
    expect(cfg.trustProxy).toBe(false);
    expect(cfg.JWT_SECRET.length).toBeGreaterThanOrEqual(16);
    expect(cfg.isProduction).toBe(false);
    expect(cfg.devLogin).toBe(true);
    expect(cfg.migrateOnStart).toBe(true);
    expect(cfg.seedDemo).toBe(true);
    expect(cfg.dbType).toBe('better-sqlite3');
    expect(cfg.DATA_DIR).toBe(path.join(repoRoot(), 'data'));
    expect(cfg.sqlitePath).toBe(path.join(repoRoot(), 'data', 'linli.sqlite'));
    expect(cfg.H5_DIR).toBe(path.join(repoRoot(), 'miniapp', 'dist', 'h5'));
    for (const k of ['DB_URL', 'SQLITE_PATH', 'WECHAT_RESIDENT_APPID', 'WECHAT_RESIDENT_SECRET', 'WECHAT_STAFF_APPID', 'WECHAT_STAFF_SECRET'] as const)
      expect(cfg[k]).toBeUndefined();
  });

  it('test mode keeps dev login, migrations and the demo seed on', () => {
    const cfg = loadConfig({ NODE_ENV: 'test' });
    expect([cfg.devLogin, cfg.migrateOnStart, cfg.seedDemo]).toEqual([true, true, true]);
  });

  it('production turns dev login, migrate-on-start and the demo seed off unless asked', () => {
    const cfg = loadConfig(PROD_OK);
    expect(cfg.isProduction).toBe(true);
    expect(cfg.dbType).toBe('mysql');
    expect([cfg.devLogin, cfg.migrateOnStart, cfg.seedDemo]).toEqual([false, false, false]);
    const asked = loadConfig({ ...PROD_OK, MIGRATE_ON_START: 'true' });
    expect(asked.migrateOnStart).toBe(true);
  });

  it('reads numbers, booleans and paths from strings; empty strings count as unset', () => {
    const cfg = loadConfig({
      PORT: '8080',
      ACCESS_TOKEN_TTL_SECONDS: '60',
      DEV_LOGIN: 'off',
      MIGRATE_ON_START: 'NO',
      SEED_DEMO: 'Yes',
      DATA_DIR: '/var/linli',
      HOST: '',
    });
    expect(cfg.PORT).toBe(8080);
    expect(cfg.ACCESS_TOKEN_TTL_SECONDS).toBe(60);
    expect([cfg.devLogin, cfg.migrateOnStart, cfg.seedDemo]).toEqual([false, false, true]);
    expect(cfg.sqlitePath).toBe(path.join('/var/linli', 'linli.sqlite'));
    expect(cfg.HOST).toBe('127.0.0.1');
    expect(loadConfig({ SQLITE_PATH: '/tmp/x.sqlite' }).sqlitePath).toBe('/tmp/x.sqlite');
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
  });

  it('TRUST_PROXY: none by default, or a list of addresses naming the proxy; true is refused', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 100.64.0.0/10' }).trustProxy).toBe('10.0.0.0/8, 100.64.0.0/10');
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', HOME: '/root', SOMETHING_ELSE: 'x' })).not.toThrow();
  });

  it('mysql:// and mariadb:// URLs select MySQL; other schemes are refused', () => {
    expect(loadConfig({ DB_URL: 'mysql://root@127.0.0.1:3306/linli' }).dbType).toBe('mysql');
    expect(loadConfig({ DB_URL: 'mariadb://root@127.0.0.1/linli' }).dbType).toBe('mysql');
    expect(problems({ DB_URL: 'postgres://x@y/z' })).toEqual([expect.stringMatching(/^DB_URL: /)]);
    expect(problems({ DB_URL: '127.0.0.1:3306' })).toEqual([expect.stringMatching(/^DB_URL: /)]);
  });
});

describe('loadConfig: production refusals', () => {
  it('a complete production configuration is accepted', () => {
    expect(() => loadConfig(PROD_OK)).not.toThrow();
    expect(() => loadConfig({ ...PROD_OK, DB_URL: undefined, ALLOW_SQLITE_IN_PRODUCTION: 'true' })).not.toThrow();
  });

  it('the default JWT secret is refused', () => {
    expect(problems({ ...PROD_OK, JWT_SECRET: undefined })).toEqual([expect.stringMatching(/^JWT_SECRET: .*default/)]);
  });

  it('SQLite is refused unless ALLOW_SQLITE_IN_PRODUCTION', () => {
    expect(problems({ ...PROD_OK, DB_URL: undefined })).toEqual([expect.stringMatching(/^DB_URL: .*ALLOW_SQLITE_IN_PRODUCTION/)]);
    expect(problems({ ...PROD_OK, DB_URL: undefined, ALLOW_SQLITE_IN_PRODUCTION: 'false' })).toHaveLength(1);
  });

  it('dev login is refused', () => {
    expect(problems({ ...PROD_OK, DEV_LOGIN: 'true' })).toEqual([expect.stringMatching(/^DEV_LOGIN: /)]);
    expect(() => loadConfig({ ...PROD_OK, DEV_LOGIN: 'false' })).not.toThrow();
  });

  it('the demo seed (admin/linli123) is refused', () => {
    expect(problems({ ...PROD_OK, SEED_DEMO: 'true' })).toEqual([expect.stringMatching(/^SEED_DEMO: .*admin\/linli123/)]);
    expect(problems({ ...PROD_OK, SEED_DEMO: '1' })).toHaveLength(1);
    expect(loadConfig({ ...PROD_OK, SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('the API docs are off unless API_DOCS=true', () => {
    expect(loadConfig(PROD_OK).apiDocs).toBe(false);
    expect(loadConfig({ ...PROD_OK, API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: 'false' }).apiDocs).toBe(false);
  });

  it('every problem is named at once', () => {
    const msg = refusal({ NODE_ENV: 'production', DEV_LOGIN: '1', PORT: 'abc' });
    expect(msg).toMatch(/^配置错误/);
    for (const name of ['JWT_SECRET', 'DB_URL', 'DEV_LOGIN', 'PORT']) expect(msg).toContain(name);
    expect(problems({ NODE_ENV: 'production', DEV_LOGIN: '1', PORT: 'abc' })).toHaveLength(4);
  });

  it('none of these apply outside production', () => {
    expect(() => loadConfig({ NODE_ENV: 'development', DEV_LOGIN: 'true' })).not.toThrow();
  });
});

describe('loadConfig: processes, pool and shutdown', () => {
  it('one worker per core in production on MySQL, one outside production and always one on SQLite', () => {
    expect(loadConfig(PROD_OK).workers).toBe(os.availableParallelism());
    expect(loadConfig({ ...PROD_OK, WEB_CONCURRENCY: '3' }).workers).toBe(3);
    expect(loadConfig({ ...PROD_OK, DB_URL: undefined, ALLOW_SQLITE_IN_PRODUCTION: 'true', WEB_CONCURRENCY: '4' }).workers).toBe(1);
    expect(loadConfig({ NODE_ENV: 'test', DB_URL: PROD_OK.DB_URL }).workers).toBe(1);
    expect(problems({ WEB_CONCURRENCY: '0' })).toEqual([expect.stringMatching(/^WEB_CONCURRENCY="0"/)]);
  });

  it('a pool of 10 connections per worker, a 10 s shutdown limit, small short-leased notification batches', () => {
    const cfg = loadConfig({});
    expect([cfg.DB_POOL_SIZE, cfg.SHUTDOWN_TIMEOUT_MS, cfg.NOTIFY_BATCH, cfg.NOTIFY_LEASE_MS]).toEqual([10, 10_000, 10, 15_000]);
    expect(loadConfig({ DB_POOL_SIZE: '30', SHUTDOWN_TIMEOUT_MS: '2500' })).toEqual(expect.objectContaining({ DB_POOL_SIZE: 30, SHUTDOWN_TIMEOUT_MS: 2500 }));
    expect(problems({ DB_POOL_SIZE: '0' })).toEqual([expect.stringMatching(/^DB_POOL_SIZE="0"/)]);
  });

  it('the notification and escalation settings (NotifySettings) are read and checked like the rest', () => {
    const cfg = loadConfig({ NOTIFY_BATCH: '25', ESCALATION_LEVEL2_MIN_MINUTES: '30', NOTIFY_WX_TEMPLATES: '{"repair_accepted":"T1"}' });
    expect([cfg.NOTIFY_BATCH, cfg.ESCALATION_LEVEL2_MIN_MINUTES, cfg.wxTemplates]).toEqual([25, 30, { repair_accepted: 'T1' }]);
    expect(problems({ NOTIFY_BATCH: '0', ESCALATION_LEVEL3_MIN_MINUTES: '20000' })).toEqual([
      expect.stringMatching(/^NOTIFY_BATCH="0"/),
      expect.stringMatching(/^ESCALATION_LEVEL3_MIN_MINUTES="20000"/),
    ]);
  });
});

describe('loadConfig: bad values', () => {
  it('names the variable and the value as given', () => {
    expect(problems({ PORT: 'abc' })).toEqual([expect.stringMatching(/^PORT="abc": /)]);
    expect(problems({ PORT: '70000' })).toEqual([expect.stringMatching(/^PORT="70000": /)]);
    expect(problems({ PORT: '80.5' })).toEqual([expect.stringMatching(/^PORT="80.5": /)]);
    expect(problems({ NODE_ENV: 'staging' })).toEqual([expect.stringMatching(/^NODE_ENV="staging": /)]);
    expect(problems({ LOG_LEVEL: 'loud' })).toEqual([expect.stringMatching(/^LOG_LEVEL="loud": /)]);
    expect(problems({ ACCESS_TOKEN_TTL_SECONDS: '10' })).toEqual([expect.stringMatching(/^ACCESS_TOKEN_TTL_SECONDS="10": /)]);
    expect(problems({ LOGIN_RATE_LIMIT_PER_MINUTE: '0' })).toEqual([expect.stringMatching(/^LOGIN_RATE_LIMIT_PER_MINUTE=/)]);
    expect(problems({ WECHAT_TIMEOUT_MS: '10' })).toEqual([expect.stringMatching(/^WECHAT_TIMEOUT_MS=/)]);
    expect(problems({ BODY_LIMIT_BYTES: 'lots' })).toEqual([expect.stringMatching(/^BODY_LIMIT_BYTES="lots"/)]);
  });

  it('a short JWT secret is refused without echoing it', () => {
    const msg = refusal({ JWT_SECRET: 'hunter2' });
    expect(msg).toContain('JWT_SECRET');
    expect(msg).not.toContain('hunter2');
  });
});

describe('loadConfig: WeChat credentials come in pairs', () => {
  const pairs = {
    RESIDENT: ['WECHAT_RESIDENT_APPID', 'WECHAT_RESIDENT_SECRET'],
    STAFF: ['WECHAT_STAFF_APPID', 'WECHAT_STAFF_SECRET'],
  } as const;

  it.each(Object.entries(pairs))('%s: both or neither', (app, [idKey, secretKey]) => {
    expect(() => loadConfig({})).not.toThrow();
    const both = loadConfig({ [idKey]: 'wx0123456789abcdef', [secretKey]: 'secret' });
    expect(both[idKey]).toBe('wx0123456789abcdef');
    expect(both[secretKey]).toBe('secret');
    expect(problems({ [idKey]: 'wx0123456789abcdef' })).toEqual([`WECHAT_${app}_APPID / WECHAT_${app}_SECRET: set both or neither`]);
    expect(problems({ [secretKey]: 'secret' })).toEqual([`WECHAT_${app}_APPID / WECHAT_${app}_SECRET: set both or neither`]);
    // an empty value is no value
    expect(problems({ [idKey]: 'wx0123456789abcdef', [secretKey]: '' })).toHaveLength(1);
  });

  it('each app is checked on its own', () => {
    expect(problems({ WECHAT_RESIDENT_APPID: 'a', WECHAT_STAFF_SECRET: 'b' })).toHaveLength(2);
    expect(() => loadConfig({ WECHAT_RESIDENT_APPID: 'a', WECHAT_RESIDENT_SECRET: 'b' })).not.toThrow();
  });
});

describe('loadConfig: WeChat Pay', () => {
  it('WeChat Pay itself by default; production refuses any other address (the test fake included)', () => {
    expect(loadConfig({}).WXPAY_API_BASE).toBe('https://api.mch.weixin.qq.com');
    expect(() => loadConfig({ WXPAY_API_BASE: 'http://127.0.0.1:4321' })).not.toThrow();
    expect(problems({ ...PROD_OK, WXPAY_API_BASE: 'http://127.0.0.1:4321' })).toEqual([expect.stringMatching(/^WXPAY_API_BASE: .*never a fake/)]);
    expect(() => loadConfig({ ...PROD_OK, WXPAY_API_BASE: 'https://api2.mch.weixin.qq.com' })).not.toThrow();
  });

  it('a merchant that cannot be loaded stops the boot, naming the file, not its contents', () => {
    const msg = problems({
      WXPAY_MCHID: '1900000001',
      WXPAY_SERIAL_NO: 'ABCDEF01',
      WXPAY_PRIVATE_KEY_FILE: '/nonexistent/key.pem',
      WECHAT_RESIDENT_APPID: 'wx1',
      WECHAT_RESIDENT_SECRET: 's',
    });
    expect(msg).toEqual([expect.stringMatching(/^WXPAY: company 1: cannot read the private key file \/nonexistent\/key.pem/)]);
    expect(problems({ WXPAY_MERCHANTS_FILE: '/nonexistent/m.json' })).toEqual([expect.stringMatching(/^WXPAY: WXPAY_MERCHANTS_FILE/)]);
  });
});
