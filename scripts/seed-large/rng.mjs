// Deterministic randomness (mulberry32) and the few distributions the generator needs.
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    /** key of a {key: weight} map */
    weighted: (weights) => {
      const entries = Object.entries(weights);
      let x = next() * entries.reduce((s, [, w]) => s + w, 0);
      for (const [k, w] of entries) if ((x -= w) < 0) return k;
      return entries[entries.length - 1][0];
    },
    /** a positive duration around `median` ms, right-skewed (log-normal) */
    around: (median, sigma = 0.8) => {
      const u = Math.max(next(), 1e-9);
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return Math.round(median * Math.exp(sigma * z));
    },
  };
  return r;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂兰华红玉萍建国志文辉宇浩然子涵欣怡梓萱一诺思远晨曦海峰晓东雪梅春燕宏亮';

export function personName(r) {
  const g = r.chance(0.6) ? GIVEN[r.int(0, GIVEN.length - 1)] + GIVEN[r.int(0, GIVEN.length - 1)] : GIVEN[r.int(0, GIVEN.length - 1)];
  return SURNAMES[r.int(0, SURNAMES.length - 1)] + g;
}
