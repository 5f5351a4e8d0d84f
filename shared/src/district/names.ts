import type { Rng } from './random.ts';

/**
 * Surnames with rough weights, skewed to what is common in Fujian (陈, 林, 黄 lead there), so the
 * sample reads like a staff list from Sanming rather than a national average.
 */
const SURNAME_GROUPS: readonly (readonly [surnames: string, weight: number])[] = [
  ['陈', 12],
  ['林', 11],
  ['黄', 7],
  ['张李', 6],
  ['王吴', 5],
  ['刘郑', 4],
  ['杨蔡许谢罗', 3],
  ['邱曾廖赖徐周叶苏江余肖朱邓', 2],
  ['游魏卢傅詹洪何高潘钟郭范严饶温池官丁邹连童', 1],
];
const SURNAMES: readonly (readonly [string, number])[] = SURNAME_GROUPS.flatMap(([chars, w]) => [...chars].map((c) => [c, w] as const));

/** Characters common in given names; any one or two of them make a plausible name. */
const GIVEN: readonly string[] = [
  ...'伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华建文辉斌鹏宇浩凯晨琳婷雪慧丹玲萍红志荣国海',
  ...'兰春金燕梅鑫峰晓俊彬锋欣颖思雅佳嘉清福永忠德新生昌榕松毅亮振宏伦晶珍莉瑜丰彤远航泽铭',
];

/** A plausible Chinese personal name: a weighted surname and one or two given-name characters. */
export function personName(rng: Rng): string {
  const surname = rng.weighted(SURNAMES);
  const first = rng.pick(GIVEN);
  // About seven in ten modern names have a two-character given name.
  if (!rng.chance(0.7)) return surname + first;
  let second = rng.pick(GIVEN);
  while (second === first) second = rng.pick(GIVEN);
  return surname + first + second;
}

/**
 * A generator of names unique within one sample, so a search for a staff member finds one person.
 * Duplicates are redrawn (deterministically, from the same stream).
 */
export function uniqueNamer(rng: Rng): () => string {
  const used = new Set<string>();
  return () => {
    for (let attempt = 0; ; attempt++) {
      const name = personName(rng);
      // The pool holds over 300,000 names; a bounded retry only guards against a broken pool.
      if (!used.has(name) || attempt > 1000) {
        used.add(name);
        return name;
      }
    }
  };
}

/** Common mainland mobile prefixes, so the numbers look like phone numbers to a validator. */
const MOBILE_PREFIXES: readonly string[] = '133 135 136 137 138 139 150 151 152 153 158 159 177 180 181 186 187 188 189 199'.split(' ');

/**
 * The n-th sample mobile number: 11 digits, a real-looking prefix, then `0000` and a 4-digit
 * sequence number. The `0000` block makes every number recognisably fake in screenshots, and the
 * sequence keeps the first 10,000 numbers unique whatever their prefixes.
 */
export function samplePhone(n: number, rng: Rng): string {
  const prefix = rng.pick(MOBILE_PREFIXES);
  return `${prefix}0000${String(n % 10_000).padStart(4, '0')}`;
}
