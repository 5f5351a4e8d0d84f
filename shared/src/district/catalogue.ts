import type { CaseClass, CaseKind, TimeLimit } from '../domain/catalogue.ts';

/** Major classes of components (部件), in the national practice's order. */
export const COMPONENT_MAJORS = ['公用设施', '道路交通', '市容环境', '园林绿化', '房屋土地', '其他设施'] as const;

/** Major classes of events (事件), in the national practice's order. */
export const EVENT_MAJORS = ['市容环境', '宣传广告', '施工管理', '街面秩序', '突发事件', '其他事件'] as const;

/** A minor class as written in the table below: name, department, limit, urgent. */
type Row = readonly [name: string, department: string, limit: `${number}${'h' | 'd'}`, urgent?: 'urgent'];

function limit(text: `${number}${'h' | 'd'}`): TimeLimit {
  return { value: Number(text.slice(0, -1)), unit: text.endsWith('h') ? 'hours' : 'days' };
}

/**
 * Builds classes from a compact table. Codes are the kind letter (C 部件, E 事件), the 2-digit
 * major number (position in the majors list) and the 2-digit minor number: `E0101`.
 */
function classes(kind: CaseKind, majors: readonly string[], table: readonly (readonly Row[])[]): CaseClass[] {
  const letter = kind === 'component' ? 'C' : 'E';
  return table.flatMap((rows, m) =>
    rows.map(([name, departmentCode, time, urgent], k) => ({
      code: `${letter}${String(m + 1).padStart(2, '0')}${String(k + 1).padStart(2, '0')}`,
      kind,
      major: majors[m]!,
      name,
      departmentCode,
      timeLimit: limit(time),
      urgent: urgent === 'urgent',
    })),
  );
}

/*
 * Time limits are counted in working hours (h) or working days (d). The marked ones come from a
 * published city table (docs/domain.md "Case classes": 暴露垃圾 4h, 道路不洁 2h, 积水 4h, 绿地养护 5d, 违法建设 7d for
 * the penalty stage); the rest are plausible defaults of the same order. Urgent classes are the
 * ones that endanger people right now (an open manhole, a gas leak), and get the shortest limits.
 */
// prettier-ignore
const COMPONENTS: readonly (readonly Row[])[] = [
  [ // 公用设施
    ['井盖缺失', 'szj', '2h', 'urgent'], ['井盖破损', 'szj', '4h'], ['上水井盖', 'sw', '1d'],
    ['雨水箅子', 'szj', '1d'], ['电力设施', 'gd', '2d'], ['通信设施', 'tx', '2d'],
    ['燃气井盖', 'rq', '4h', 'urgent'], ['消防栓', 'sw', '1d'], ['路灯', 'szj', '2d'],
  ],
  [ // 道路交通
    ['交通信号灯', 'gaj', '4h', 'urgent'], ['交通标志牌', 'gaj', '3d'], ['道路护栏', 'gaj', '3d'],
    ['道路破损', 'szj', '3d'], ['人行道板破损', 'szj', '3d'], ['公交站亭', 'szj', '3d'],
  ],
  [ // 市容环境
    ['公共厕所', 'hwc', '1d'], ['垃圾箱', 'hwc', '1d'], ['垃圾收集站', 'hwc', '1d'], ['户外广告设施', 'cgj', '3d'],
  ],
  [ // 园林绿化
    ['行道树', 'ylj', '3d'], ['绿地养护', 'ylj', '5d'], ['绿地护栏', 'ylj', '3d'], ['花坛花箱', 'ylj', '3d'],
  ],
  [ // 房屋土地
    ['危险房屋', 'zjj', '1d', 'urgent'], ['房屋外立面', 'zjj', '5d'], ['闲置空地', 'zjj', '5d'],
  ],
  [ // 其他设施
    ['架空线缆', 'tx', '3d'], ['监控设施', 'gaj', '3d'], ['健身设施', 'cgj', '5d'],
  ],
];

// prettier-ignore
const EVENTS: readonly (readonly Row[])[] = [
  [ // 市容环境
    ['暴露垃圾', 'hwc', '4h'], ['道路不洁', 'hwc', '2h'], ['积存渣土', 'hwc', '1d'], ['积水', 'szj', '4h'],
    ['动物尸体', 'hwc', '2h'], ['餐饮油烟', 'hbj', '3d'],
  ],
  [ // 宣传广告
    ['非法小广告', 'cgj', '1d'], ['违规横幅', 'cgj', '4h'], ['街头散发广告', 'cgj', '2h'],
    ['广告牌破损', 'cgj', '4h', 'urgent'],
  ],
  [ // 施工管理
    ['违法建设', 'cgj', '7d'], ['施工占道', 'cgj', '1d'], ['施工扰民', 'hbj', '1d'], ['道路遗撒', 'cgj', '2h'],
    ['工地围挡破损', 'zjj', '1d'],
  ],
  [ // 街面秩序
    ['占道经营', 'cgj', '2h'], ['店外经营', 'cgj', '2h'], ['流动摊贩', 'cgj', '2h'], ['露天烧烤', 'cgj', '2h'],
    ['机动车乱停放', 'gaj', '2h'], ['非机动车乱停放', 'gaj', '4h'], ['无照经营', 'scjg', '3d'],
  ],
  [ // 突发事件
    ['路面塌陷', 'szj', '2h', 'urgent'], ['供水管道破裂', 'sw', '2h', 'urgent'], ['燃气泄漏', 'rq', '1h', 'urgent'],
    ['电线断落', 'gd', '1h', 'urgent'], ['树木倒伏', 'ylj', '2h', 'urgent'],
  ],
  [ // 其他事件
    ['噪声扰民', 'hbj', '1d'], ['违规饲养家禽', 'cgj', '3d'], ['食品安全隐患', 'scjg', '1d'],
  ],
];

/**
 * The default case-class catalogue (案件分类): components (部件) and events (事件), two levels each,
 * with responsible department, working-time limit and urgent flag. Data, not logic: the catalogue
 * is editable and a deployment may replace it.
 */
export const SAMPLE_CATALOGUE: readonly CaseClass[] = [
  ...classes('component', COMPONENT_MAJORS, COMPONENTS),
  ...classes('event', EVENT_MAJORS, EVENTS),
];
