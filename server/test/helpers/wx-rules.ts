/**
 * WeChat's own check of subscribe-message data (订阅消息参数值内容限制), written independently of our formatter so
 * the strict fake can prove we only send what WeChat accepts: lengths in UTF-16 units, allowed characters per type.
 */
const HAN = String.raw`\p{Script=Han}`;
const SYM = String.raw`!-\/:-@\[-\x60{-~\u00a5\u00b0\u00b7\u00d7\u00f7\u2010-\u2027\u2030-\u203e\u2103\u2116\u3001-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\uffe5`;
const only = (cls: string, max: number) => (v: string) => v.length <= max && new RegExp(`^[${cls}]+$`, 'u').test(v);
const TIME = String.raw`(\d{4}年)?(\d{1,2}月)?(\d{1,2}日)?( ?\d{1,2}:\d{2}(:\d{2})?)?`;

const RULES: Record<string, (v: string) => boolean> = {
  thing: only(`${HAN}0-9A-Za-z\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a ${SYM}`, 20),
  phrase: only(HAN, 5),
  character_string: only(String.raw`0-9A-Za-z!-\/:-@\[-\x60{-~`, 32),
  number: (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: only('A-Za-z', 32),
  symbol: only(SYM, 5),
  time: (v) => v.length > 0 && new RegExp(`^${TIME}(~${TIME})?$`).test(v),
  date: (v) => v.length > 0 && new RegExp(`^${TIME}(~${TIME})?$`).test(v),
  amount: (v) => /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: only(String.raw`0-9+\-*()# `, 17),
  car_number: (v) => v.length <= 8 && new RegExp(`^[${HAN}0-9A-Za-z][0-9A-Za-z]*[${HAN}0-9A-Za-z]?$`, 'u').test(v),
  name: (v) => (new RegExp(HAN, 'u').test(v) ? v.length <= 10 && new RegExp(`^[${HAN}A-Za-z·]+$`, 'u').test(v) : v.length <= 20 && /^[A-Za-z.'·\- ]+$/.test(v)),
};

/** The first keyword WeChat would refuse (errcode 47003), or null when every value is valid. */
export function wxInvalidField(data: unknown): string | null {
  if (!data || typeof data !== 'object') return 'data';
  for (const [key, v] of Object.entries(data as Record<string, { value?: unknown }>)) {
    const rule = RULES[key.replace(/\d+$/, '')];
    const value = v?.value;
    if (!rule || typeof value !== 'string' || !value.length || !rule(value)) return key;
  }
  return null;
}
