// the fake lives in the product (development mode pays against it, never production); tests use the same one
export * from '../../src/pay/fake/fake-wechatpay';
