import {
  authorizationHeader,
  checkSignature,
  jsapiBody,
  jsapiOrderProblems,
  paidTransactionProblems,
  parseAuthorization,
  parseNotification,
  parseTransaction,
  paySignMessage,
  requestMessage,
  responseMessage,
  rfc3339Shanghai,
  wechatpayHeaders,
} from './wxpay-protocol';

describe('WeChat Pay v3 messages', () => {
  it('a request is signed over METHOD, URL with query, timestamp, nonce and body, each line ended', () => {
    expect(requestMessage('get', '/v3/pay/transactions/out-trade-no/A1?mchid=190', '1700000000', 'n1', '')).toBe(
      'GET\n/v3/pay/transactions/out-trade-no/A1?mchid=190\n1700000000\nn1\n\n',
    );
    expect(requestMessage('POST', '/v3/pay/transactions/jsapi', '1', 'n', '{"a":1}')).toBe('POST\n/v3/pay/transactions/jsapi\n1\nn\n{"a":1}\n');
  });

  it('answers and callbacks are signed over timestamp, nonce and body; paySign over appId, timeStamp, nonceStr, package', () => {
    expect(responseMessage('1700000000', 'abc', '{}')).toBe('1700000000\nabc\n{}\n');
    expect(responseMessage('1', 'n', '')).toBe('1\nn\n\n');
    expect(paySignMessage('wx1', '1700000000', 'n', 'prepay_id=wx2')).toBe('wx1\n1700000000\nn\nprepay_id=wx2\n');
  });

  it('the Authorization header is written and read back', () => {
    const parts = { mchid: '1900000001', nonce_str: 'abc', signature: 'c2ln/+=', timestamp: '1700000000', serial_no: 'ABCDEF12' };
    const h = authorizationHeader(parts);
    expect(h).toBe('WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="abc",signature="c2ln/+=",timestamp="1700000000",serial_no="ABCDEF12"');
    expect(parseAuthorization(h)).toEqual(parts);
    expect(parseAuthorization('Bearer x')).toBeNull();
    expect(parseAuthorization(undefined)).toBeNull();
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1"')).toBeNull();
  });

  it('time_expire is RFC 3339 in Beijing time', () => {
    expect(rfc3339Shanghai(new Date('2026-12-03T07:35:00.123Z'))).toBe('2026-12-03T15:35:00+08:00');
    expect(rfc3339Shanghai(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01T00:30:00+08:00');
  });
});

describe('checkSignature', () => {
  const now = 1_700_000_000;
  const h = { timestamp: String(now), nonce: 'n', signature: 'sig', serial: 'S1' };
  const knows = (s: string) => s === 'S1';
  const ok = (_s: string, msg: string, sig: string) => msg === `${now}\nn\nbody\n` && sig === 'sig';

  it('accepts a fresh signature by a known key over timestamp, nonce, body', () => {
    expect(checkSignature(h, 'body', now, knows, ok)).toBeNull();
    expect(checkSignature(h, 'body', now + 300, knows, ok)).toBeNull();
  });
  it('refuses missing headers, stale or future timestamps, probes, unknown serials and bad signatures', () => {
    expect(checkSignature({ ...h, nonce: undefined }, 'body', now, knows, ok)).toBe('missing');
    expect(checkSignature(h, 'body', now + 301, knows, ok)).toBe('stale');
    expect(checkSignature(h, 'body', now - 301, knows, ok)).toBe('stale');
    expect(checkSignature({ ...h, timestamp: '17e8' }, 'body', now, knows, ok)).toBe('stale');
    expect(checkSignature({ ...h, signature: 'WECHATPAY/SIGNTEST/abc' }, 'body', now, knows, ok)).toBe('probe');
    expect(checkSignature({ ...h, serial: 'S2' }, 'body', now, knows, ok)).toBe('unknown-serial');
    expect(checkSignature(h, 'body2', now, knows, ok)).toBe('bad-signature');
  });
  it('reads the Wechatpay-* headers', () => {
    const bag: Record<string, string> = { 'wechatpay-timestamp': '1', 'wechatpay-nonce': 'n', 'wechatpay-signature': 's', 'wechatpay-serial': 'x' };
    expect(wechatpayHeaders((n) => bag[n])).toEqual({ timestamp: '1', nonce: 'n', signature: 's', serial: 'x' });
  });
});

describe('JSAPI orders', () => {
  const order = {
    appid: 'wxA',
    mchid: '1900000001',
    description: '锦绣花园 物业费',
    outTradeNo: 'LP20261203000001',
    timeExpire: new Date('2026-12-03T07:35:00Z'),
    notifyUrl: 'https://linli.example.com/api/pay/notify',
    totalFen: 12345,
    openid: 'oUser',
  };
  it('builds the documented body: amount in fen, CNY, payer openid, time_expire +08:00', () => {
    expect(jsapiOrderProblems(order)).toEqual([]);
    expect(jsapiBody(order)).toEqual({
      appid: 'wxA',
      mchid: '1900000001',
      description: '锦绣花园 物业费',
      out_trade_no: 'LP20261203000001',
      time_expire: '2026-12-03T15:35:00+08:00',
      notify_url: 'https://linli.example.com/api/pay/notify',
      amount: { total: 12345, currency: 'CNY' },
      payer: { openid: 'oUser' },
    });
  });
  it('refuses what WeChat Pay would refuse', () => {
    expect(jsapiOrderProblems({ ...order, totalFen: 0 })).toHaveLength(1);
    expect(jsapiOrderProblems({ ...order, totalFen: 1.5 })).toHaveLength(1);
    expect(jsapiOrderProblems({ ...order, outTradeNo: 'a b' })).toHaveLength(1);
    expect(jsapiOrderProblems({ ...order, outTradeNo: 'x'.repeat(33) })).toHaveLength(1);
    expect(jsapiOrderProblems({ ...order, description: '费'.repeat(43) })).toHaveLength(1); // 129 bytes
    expect(jsapiOrderProblems({ ...order, notifyUrl: 'http://example.com/n' })).toHaveLength(1);
    expect(jsapiOrderProblems({ ...order, notifyUrl: 'https://example.com/n?x=1' })).toHaveLength(1);
    expect(jsapiOrderProblems({ ...order, notifyUrl: 'http://127.0.0.1:3000/api/pay/notify' })).toEqual([]);
    expect(jsapiOrderProblems({ ...order, openid: '' })).toHaveLength(1);
  });
});

describe('paid transactions against the order', () => {
  const tx = { appid: 'wxA', mchid: '190', out_trade_no: 'LP1', trade_state: 'SUCCESS', amount: { total: 100, currency: 'CNY' } };
  const exp = { appid: 'wxA', mchid: '190', outTradeNo: 'LP1', totalFen: 100 };
  it('matches when everything agrees', () => expect(paidTransactionProblems(tx, exp)).toEqual([]));
  it('names every disagreement', () => {
    expect(paidTransactionProblems({ ...tx, amount: { total: 1, currency: 'CNY' } }, exp)).toEqual(['amount differs']);
    expect(paidTransactionProblems({ ...tx, amount: { total: 100, currency: 'USD' } }, exp)).toEqual(['currency differs']);
    expect(paidTransactionProblems({ ...tx, mchid: '191', appid: 'wxB' }, exp)).toEqual(['mchid differs', 'appid differs']);
    expect(paidTransactionProblems({ ...tx, trade_state: 'NOTPAY' }, exp)).toEqual(['trade_state NOTPAY']);
    expect(paidTransactionProblems({ ...tx, out_trade_no: 'LP2', amount: undefined }, exp)).toEqual([
      'out_trade_no differs',
      'amount differs',
      'currency differs',
    ]);
  });
});

describe('parsing what WeChat Pay sends', () => {
  it('a transaction needs its identifying strings', () => {
    expect(parseTransaction('{"appid":"a","mchid":"m","out_trade_no":"o","trade_state":"SUCCESS","amount":{"total":1}}')).not.toBeNull();
    expect(parseTransaction('{"appid":"a","mchid":1,"out_trade_no":"o","trade_state":"SUCCESS"}')).toBeNull();
    expect(parseTransaction('{"appid":"a","mchid":"m","out_trade_no":"o","trade_state":"SUCCESS","amount":3}')).toBeNull();
    expect(parseTransaction('nope')).toBeNull();
    expect(parseTransaction('null')).toBeNull();
  });
  it('a notification needs an AEAD_AES_256_GCM resource', () => {
    const n = {
      id: 'i',
      create_time: 't',
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource',
      resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext: 'c', nonce: 'n', associated_data: 'transaction' },
    };
    expect(parseNotification(JSON.stringify(n))).toEqual(n);
    expect(parseNotification(JSON.stringify({ ...n, resource: { ...n.resource, algorithm: 'AES' } }))).toBeNull();
    expect(parseNotification(JSON.stringify({ ...n, resource: null }))).toBeNull();
    expect(parseNotification(JSON.stringify({ ...n, resource: { ...n.resource, associated_data: 1 } }))).toBeNull();
    expect(parseNotification('[')).toBeNull();
  });
});
