import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { loadMerchants, MerchantConfigError } from '../pay/merchant-config';
import { WXPAY_PRODUCTION_BASES } from '../pay/wxpay-protocol';
import { AppConfig, DEFAULT_JWT_SECRET } from './app-config';

export class ConfigError extends Error {}

/** Variables read besides AppConfig's own fields (aliases, optional ones without a default). */
const EXTRA_VARIABLES = [
  'DB_URL',
  'SQLITE_PATH',
  'MIGRATE_ON_START',
  'SEED_DEMO',
  'SEED_DEMO_BILLS',
  'API_DOCS',
  'WEB_CONCURRENCY',
  'DEV_LOGIN',
  'WECHAT_RESIDENT_APPID',
  'WECHAT_RESIDENT_SECRET',
  'WECHAT_STAFF_APPID',
  'WECHAT_STAFF_SECRET',
  'WXPAY_MERCHANTS_FILE',
  'WXPAY_NOTIFY_URL',
  'WXPAY_COMPANY_ID',
  'WXPAY_MCHID',
  'WXPAY_APPID',
  'WXPAY_SERIAL_NO',
  'WXPAY_PRIVATE_KEY_FILE',
  'WXPAY_APIV3_KEY_FILE',
  'WXPAY_PLATFORM_CERT_FILES',
  'WXPAY_PUBLIC_KEY_FILE',
  'WXPAY_PUBLIC_KEY_ID',
  'WXPAY_DEV_FAKE',
];

/** Builds the configuration from an env object; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const picked: Record<string, string> = {};
  for (const k of [...Object.keys(new AppConfig()), ...EXTRA_VARIABLES]) {
    if (env[k] !== undefined && env[k] !== '') picked[k] = env[k]!;
  }
  const cfg = plainToInstance(AppConfig, picked);
  const errors = validateSync(cfg, { whitelist: false });
  // the value as it was given (PORT="abc", not the transformed NaN); secrets are never echoed into logs
  const shown = (e: (typeof errors)[number]) => (/SECRET/.test(e.property) ? '(hidden)' : JSON.stringify(picked[e.property] ?? e.value));
  const problems = errors.map((e) => `${e.property}=${shown(e)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  problems.push(...shapeProblems(cfg));
  if (cfg.isProduction) problems.push(...productionProblems(cfg));
  if (problems.length) throw new ConfigError('配置错误 (invalid configuration):\n  ' + problems.join('\n  '));
  return cfg;
}

/** Values that pass their own validators but not together, or not as a whole. */
function shapeProblems(cfg: AppConfig): string[] {
  const problems: string[] = [];
  if (cfg.DB_URL && !/^mysql:\/\/|^mariadb:\/\//.test(cfg.DB_URL)) problems.push('DB_URL: must start with mysql:// or mariadb://');
  try {
    JSON.parse(cfg.NOTIFY_WX_TEMPLATES);
  } catch {
    problems.push('NOTIFY_WX_TEMPLATES: must be a JSON object of template key → template ID');
  }
  if (cfg.TRUST_PROXY.trim() === 'true')
    problems.push('TRUST_PROXY: name the proxy (addresses or CIDRs); trusting every peer lets any client forge its address');
  if (!/^https?:\/\/[^?#]+$/.test(cfg.WECOM_WEBHOOK_BASE)) problems.push('WECOM_WEBHOOK_BASE: must be an http(s) address without ? or #');
  for (const app of ['RESIDENT', 'STAFF'] as const) {
    const id = cfg[`WECHAT_${app}_APPID`];
    const secret = cfg[`WECHAT_${app}_SECRET`];
    if (!!id !== !!secret) problems.push(`WECHAT_${app}_APPID / WECHAT_${app}_SECRET: set both or neither`);
  }
  try {
    loadMerchants(cfg);
  } catch (e) {
    if (!(e instanceof MerchantConfigError)) throw e;
    problems.push(`WXPAY: ${e.message}`);
  }
  return problems;
}

/** What production refuses: defaults, development conveniences and fakes. */
function productionProblems(cfg: AppConfig): string[] {
  const problems: string[] = [];
  if (cfg.JWT_SECRET === DEFAULT_JWT_SECRET) problems.push('JWT_SECRET: the default secret is not allowed in production');
  if (!cfg.DB_URL && !cfg.ALLOW_SQLITE_IN_PRODUCTION) problems.push('DB_URL: production needs MySQL/MariaDB (or set ALLOW_SQLITE_IN_PRODUCTION=true)');
  if (cfg.devLogin) problems.push('DEV_LOGIN: dev login cannot be enabled in production');
  if (cfg.WXPAY_DEV_FAKE) problems.push('WXPAY_DEV_FAKE: the fake WeChat Pay cannot be enabled in production');
  if (cfg.TEST_HOOKS) problems.push('TEST_HOOKS: test hooks cannot be enabled in production');
  if (cfg.SEED_DEMO) problems.push('SEED_DEMO: the demo seed (admin/linli123) cannot be enabled in production');
  if ((cfg.WXPAY_MCHID || cfg.WXPAY_MERCHANTS_FILE) && !/^https:\/\/[^?#]+$/.test(cfg.WXPAY_NOTIFY_URL ?? ''))
    problems.push('WXPAY_NOTIFY_URL: production needs the public https address of /api/pay/notify');
  if (!WXPAY_PRODUCTION_BASES.includes(cfg.WXPAY_API_BASE))
    problems.push(`WXPAY_API_BASE: production pays only through WeChat Pay itself (${WXPAY_PRODUCTION_BASES.join(' or ')}), never a fake`);
  return problems;
}
