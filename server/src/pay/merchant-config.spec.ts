import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { inspect } from 'node:util';
import { loadMerchants, MerchantConfig, MerchantConfigError, verifiersFrom } from './merchant-config';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
const APIV3 = '0123456789abcdef0123456789ABCDEF';
const files: Record<string, string> = { '/k/key.pem': privatePem, '/k/v3': APIV3 + '\n', '/k/pub.pem': publicPem };
const read = (p: string) => {
  if (!(p in files)) throw new Error('ENOENT');
  return files[p];
};
const ENV = {
  WXPAY_MCHID: '1900000001',
  WXPAY_SERIAL_NO: 'abcdef0123456789',
  WXPAY_PRIVATE_KEY_FILE: '/k/key.pem',
  WXPAY_APIV3_KEY_FILE: '/k/v3',
  WXPAY_PUBLIC_KEY_FILE: '/k/pub.pem',
  WXPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0100',
  WECHAT_RESIDENT_APPID: 'wxResident',
};

describe('merchant configuration', () => {
  it('none configured: WeChat Pay is off', () => expect(loadMerchants({}).size).toBe(0));

  it('one company from the environment (public-key mode), company 1 and the resident appid by default', () => {
    const m = loadMerchants(ENV, read).get(1)!;
    expect(m).toBeInstanceOf(MerchantConfig);
    expect([m.mchid, m.appid, m.serialNo, m.verifierIds]).toEqual(['1900000001', 'wxResident', 'ABCDEF0123456789', ['PUB_KEY_ID_0100']]);
  });

  it('signs with the private key and decrypts with the APIv3 key (trailing newline of the key file ignored)', () => {
    const m = loadMerchants(ENV, read).get(1)!;
    const sig = m.sign('hello\n');
    expect(verify('sha256', Buffer.from('hello\n'), createPublicKey(publicPem), Buffer.from(sig, 'base64'))).toBe(true);
    const c = m.encrypt('{"a":"支付"}', '0123456789ab', 'transaction');
    expect(m.decrypt(c, '0123456789ab', 'transaction')).toBe('{"a":"支付"}');
    expect(() => m.decrypt(c, '0123456789ab', 'other')).toThrow();
    const bytes = Buffer.from(c, 'base64');
    bytes[0] ^= 1;
    expect(() => m.decrypt(bytes.toString('base64'), '0123456789ab', 'transaction')).toThrow();
  });

  it('never shows its secrets: JSON, toString, inspect, template strings', () => {
    const m = loadMerchants(ENV, read).get(1)!;
    const body = privatePem.split('\n')[1];
    for (const text of [JSON.stringify(m), String(m), `${m}`, inspect(m, { depth: 10, showHidden: true }), JSON.stringify({ nested: [m] })]) {
      expect(text).not.toContain(body);
      expect(text).not.toContain(APIV3);
      expect(text).toContain('1900000001');
    }
    expect(Object.keys(m)).not.toEqual(expect.arrayContaining(['privateKey']));
  });

  it('a merchants file lists several companies; each is checked', () => {
    const entry = {
      companyId: 2,
      mchid: '1900000002',
      appid: 'wxB',
      serialNo: 'AA00BB11',
      privateKeyFile: '/k/key.pem',
      apiV3KeyFile: '/k/v3',
      publicKeyFile: '/k/pub.pem',
      publicKeyId: 'PUB_KEY_ID_02',
    };
    const r = (p: string) => (p === '/k/m.json' ? JSON.stringify([entry, { ...entry, companyId: 3, mchid: '1900000003' }]) : read(p));
    expect([...loadMerchants({ WXPAY_MERCHANTS_FILE: '/k/m.json' }, r).keys()]).toEqual([2, 3]);
    const twice = (p: string) => (p === '/k/m.json' ? JSON.stringify([entry, entry]) : read(p));
    expect(() => loadMerchants({ WXPAY_MERCHANTS_FILE: '/k/m.json' }, twice)).toThrow(/configured twice/);
    expect(() => loadMerchants({ WXPAY_MERCHANTS_FILE: '/k/m.json' }, (p) => (p === '/k/m.json' ? '{' : read(p)))).toThrow(MerchantConfigError);
    expect(() => loadMerchants({ WXPAY_MERCHANTS_FILE: '/k/none.json' }, read)).toThrow(/cannot read/);
  });

  it('refuses incomplete or wrong merchants without echoing file contents', () => {
    const bad = (over: Record<string, string | undefined>) => {
      try {
        loadMerchants({ ...ENV, ...over }, read);
      } catch (e) {
        expect(e).toBeInstanceOf(MerchantConfigError);
        expect((e as Error).message).not.toContain(APIV3);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad({ WXPAY_MCHID: 'abc' })).toMatch(/mchid/);
    expect(bad({ WXPAY_SERIAL_NO: undefined })).toMatch(/serialNo/);
    expect(bad({ WXPAY_PRIVATE_KEY_FILE: '/k/missing' })).toMatch(/private key file/);
    expect(bad({ WXPAY_PRIVATE_KEY_FILE: '/k/v3' })).toMatch(/not a PEM private key/);
    expect(bad({ WXPAY_PRIVATE_KEY_FILE: '/k/pub.pem' })).toMatch(/private key/);
    expect(bad({ WXPAY_APIV3_KEY_FILE: '/k/pub.pem' })).toMatch(/32 bytes/);
    expect(bad({ WXPAY_PUBLIC_KEY_FILE: undefined, WXPAY_PUBLIC_KEY_ID: undefined })).toMatch(/platform certificate or a WeChat Pay public key/);
    expect(bad({ WXPAY_PUBLIC_KEY_ID: undefined })).toMatch(/go together/);
    expect(bad({ WXPAY_PUBLIC_KEY_ID: 'KEY1' })).toMatch(/PUB_KEY_ID_/);
    expect(bad({ WXPAY_PLATFORM_CERT_FILES: '/k/pub.pem' })).toMatch(/not valid PEM/);
    expect(bad({ WECHAT_RESIDENT_APPID: undefined })).toMatch(/appid/);
  });

  it('verifier ids: the public key by its id', () => {
    expect([...verifiersFrom([], { pem: publicPem, id: 'PUB_KEY_ID_9' }).keys()]).toEqual(['PUB_KEY_ID_9']);
  });
});
