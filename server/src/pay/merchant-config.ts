import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  sign as rsaSign,
  verify as rsaVerify,
  X509Certificate,
} from 'node:crypto';
import * as fs from 'node:fs';
import { inspect } from 'node:util';

/** What a merchant file lists per company: only paths to secrets, never the secrets themselves. */
export interface MerchantFileEntry {
  companyId: number;
  mchid: string;
  /** the resident mini-program's appid; defaults to WECHAT_RESIDENT_APPID */
  appid?: string;
  /** the merchant API certificate's serial number */
  serialNo: string;
  privateKeyFile: string;
  apiV3KeyFile: string;
  /** WeChat Pay platform certificates (PEM), for the certificate mode; several while one is being rotated */
  platformCertFiles?: string[];
  /** WeChat Pay public key (PEM) and its id PUB_KEY_ID_…, for the public-key mode */
  publicKeyFile?: string;
  publicKeyId?: string;
}

export class MerchantConfigError extends Error {}

/**
 * One company's WeChat Pay merchant account. The private key and the APIv3 key live in private fields and are only
 * used through sign/decrypt: this object prints, serialises and inspects without them.
 */
export class MerchantConfig {
  readonly #privateKey: KeyObject;
  readonly #apiV3Key: Buffer;
  /** Wechatpay-Serial → key: platform certificate serials and/or the public key id */
  readonly #verifiers: ReadonlyMap<string, KeyObject>;

  constructor(
    readonly companyId: number,
    readonly mchid: string,
    readonly appid: string,
    readonly serialNo: string,
    privateKey: KeyObject,
    apiV3Key: Buffer,
    verifiers: ReadonlyMap<string, KeyObject>,
  ) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa')
      throw new MerchantConfigError(`company ${companyId}: the merchant private key must be an RSA private key`);
    if (apiV3Key.length !== 32) throw new MerchantConfigError(`company ${companyId}: the APIv3 key must be 32 bytes`);
    if (!verifiers.size) throw new MerchantConfigError(`company ${companyId}: a platform certificate or a WeChat Pay public key (with its id) is needed`);
    this.#privateKey = privateKey;
    this.#apiV3Key = apiV3Key;
    this.#verifiers = verifiers;
  }

  /** The serials / key ids WeChat Pay's signatures may name. */
  get verifierIds(): string[] {
    return [...this.#verifiers.keys()];
  }

  /** SHA256withRSA over the message, base64. */
  sign(message: string): string {
    return rsaSign('sha256', Buffer.from(message), this.#privateKey).toString('base64');
  }

  /** true when `signature` is WeChat Pay's over `message` with the key named by `serial`; false for an unknown serial. */
  verify(serial: string, message: string, signature: string): boolean {
    const key = this.#verifiers.get(serial);
    if (!key) return false;
    try {
      return rsaVerify('sha256', Buffer.from(message), key, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }

  /** AEAD_AES_256_GCM with the APIv3 key; `ciphertext` is base64 of the encrypted bytes followed by the 16-byte tag. Throws when forged. */
  decrypt(ciphertext: string, nonce: string, associatedData: string): string {
    const raw = Buffer.from(ciphertext, 'base64');
    if (raw.length <= 16) throw new Error('ciphertext too short');
    const d = createDecipheriv('aes-256-gcm', this.#apiV3Key, Buffer.from(nonce));
    d.setAuthTag(raw.subarray(raw.length - 16));
    d.setAAD(Buffer.from(associatedData));
    return Buffer.concat([d.update(raw.subarray(0, raw.length - 16)), d.final()]).toString('utf8');
  }

  /** The inverse of decrypt (what WeChat Pay does; used by the development fake). */
  encrypt(plaintext: string, nonce: string, associatedData: string): string {
    const c = createCipheriv('aes-256-gcm', this.#apiV3Key, Buffer.from(nonce));
    c.setAAD(Buffer.from(associatedData));
    return Buffer.concat([c.update(plaintext, 'utf8'), c.final(), c.getAuthTag()]).toString('base64');
  }

  toJSON() {
    return { companyId: this.companyId, mchid: this.mchid, appid: this.appid, serialNo: this.serialNo, verifierIds: this.verifierIds };
  }
  toString() {
    return `MerchantConfig(company ${this.companyId}, mchid ${this.mchid}, serial ${this.serialNo})`;
  }
  [inspect.custom]() {
    return this.toString();
  }
}

const PUB_KEY_ID = /^PUB_KEY_ID_\w+$/;

/** Builds the verifier map of a merchant from PEM text: certificates by their serial, the public key by its id. */
export function verifiersFrom(certPems: string[], publicKey?: { pem: string; id: string }): Map<string, KeyObject> {
  const out = new Map<string, KeyObject>();
  for (const pem of certPems) {
    const cert = new X509Certificate(pem);
    out.set(cert.serialNumber.toUpperCase(), cert.publicKey);
  }
  if (publicKey) {
    if (!PUB_KEY_ID.test(publicKey.id)) throw new MerchantConfigError('the WeChat Pay public key id must look like PUB_KEY_ID_…');
    out.set(publicKey.id, createPublicKey(publicKey.pem));
  }
  return out;
}

/** Reads one merchant from its entry; file contents are never put into error messages. */
export function merchantFromFiles(e: MerchantFileEntry, defaultAppid: string | undefined, read = (p: string) => fs.readFileSync(p, 'utf8')): MerchantConfig {
  const where = `company ${e.companyId}`;
  const file = (what: string, p: string) => {
    try {
      return read(p);
    } catch {
      throw new MerchantConfigError(`${where}: cannot read the ${what} file ${p}`);
    }
  };
  if (!Number.isInteger(e.companyId) || e.companyId < 1) throw new MerchantConfigError(`companyId must be a positive integer`);
  if (!/^\d{6,32}$/.test(String(e.mchid ?? ''))) throw new MerchantConfigError(`${where}: mchid must be digits`);
  if (!/^[0-9A-Fa-f]{8,64}$/.test(String(e.serialNo ?? ''))) throw new MerchantConfigError(`${where}: serialNo must be the certificate's hex serial number`);
  const appid = e.appid ?? defaultAppid;
  if (!appid) throw new MerchantConfigError(`${where}: appid (or WECHAT_RESIDENT_APPID) is needed`);
  if (!!e.publicKeyFile !== !!e.publicKeyId) throw new MerchantConfigError(`${where}: publicKeyFile and publicKeyId go together`);
  let privateKey: KeyObject;
  let verifiers: Map<string, KeyObject>;
  try {
    privateKey = createPrivateKey(file('private key', e.privateKeyFile));
  } catch (err) {
    if (err instanceof MerchantConfigError) throw err;
    throw new MerchantConfigError(`${where}: the private key file ${e.privateKeyFile} is not a PEM private key`);
  }
  const certs = (e.platformCertFiles ?? []).map((p) => file('platform certificate', p));
  const pub = e.publicKeyFile ? { pem: file('public key', e.publicKeyFile), id: e.publicKeyId! } : undefined;
  try {
    verifiers = verifiersFrom(certs, pub);
  } catch (err) {
    if (err instanceof MerchantConfigError) throw new MerchantConfigError(`${where}: ${err.message}`);
    throw new MerchantConfigError(`${where}: a platform certificate or the public key is not valid PEM`);
  }
  const apiV3Key = Buffer.from(file('APIv3 key', e.apiV3KeyFile).trim(), 'utf8');
  return new MerchantConfig(e.companyId, String(e.mchid), appid, e.serialNo.toUpperCase(), privateKey, apiV3Key, verifiers);
}

/** The settings that name merchants (AppConfig's WXPAY_* fields). */
export interface MerchantSettings {
  WXPAY_MERCHANTS_FILE?: string;
  WXPAY_COMPANY_ID?: number;
  WXPAY_MCHID?: string;
  WXPAY_APPID?: string;
  WXPAY_SERIAL_NO?: string;
  WXPAY_PRIVATE_KEY_FILE?: string;
  WXPAY_APIV3_KEY_FILE?: string;
  WXPAY_PLATFORM_CERT_FILES?: string;
  WXPAY_PUBLIC_KEY_FILE?: string;
  WXPAY_PUBLIC_KEY_ID?: string;
  WECHAT_RESIDENT_APPID?: string;
}

/**
 * Every configured merchant, by company: WXPAY_MERCHANTS_FILE (a JSON array of MerchantFileEntry) and/or one company
 * from WXPAY_MCHID & co. None configured → an empty map (WeChat Pay off).
 */
export function loadMerchants(s: MerchantSettings, read?: (p: string) => string): Map<number, MerchantConfig> {
  const entries: MerchantFileEntry[] = [];
  if (s.WXPAY_MERCHANTS_FILE) {
    let parsed: unknown;
    try {
      parsed = JSON.parse((read ?? ((p: string) => fs.readFileSync(p, 'utf8')))(s.WXPAY_MERCHANTS_FILE));
    } catch {
      throw new MerchantConfigError(`WXPAY_MERCHANTS_FILE ${s.WXPAY_MERCHANTS_FILE}: cannot read it as JSON`);
    }
    if (!Array.isArray(parsed)) throw new MerchantConfigError('WXPAY_MERCHANTS_FILE: must be a JSON array of merchants');
    entries.push(...(parsed as MerchantFileEntry[]));
  }
  if (s.WXPAY_MCHID) {
    entries.push({
      companyId: s.WXPAY_COMPANY_ID ?? 1,
      mchid: s.WXPAY_MCHID,
      appid: s.WXPAY_APPID,
      serialNo: s.WXPAY_SERIAL_NO ?? '',
      privateKeyFile: s.WXPAY_PRIVATE_KEY_FILE ?? '',
      apiV3KeyFile: s.WXPAY_APIV3_KEY_FILE ?? '',
      platformCertFiles: s.WXPAY_PLATFORM_CERT_FILES?.split(',')
        .map((p) => p.trim())
        .filter(Boolean),
      publicKeyFile: s.WXPAY_PUBLIC_KEY_FILE,
      publicKeyId: s.WXPAY_PUBLIC_KEY_ID,
    });
  }
  const out = new Map<number, MerchantConfig>();
  for (const e of entries) {
    if (!e || typeof e !== 'object') throw new MerchantConfigError('WXPAY_MERCHANTS_FILE: every merchant must be an object');
    const m = merchantFromFiles(e, s.WECHAT_RESIDENT_APPID, read);
    if (out.has(m.companyId)) throw new MerchantConfigError(`company ${m.companyId}: configured twice`);
    out.set(m.companyId, m);
  }
  return out;
}
