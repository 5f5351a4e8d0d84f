import type { CaseClass, CaseKind, TimeLimit } from '../domain/catalogue.ts';

/** Major classes of components (部件), in the national practice's order. */
export const COMPONENT_MAJORS = ['公用设施', '道路交通', '市容环境', '园林绿化', '房屋土地', '其他设施'] as const;

/** Major classes of events (事件), in the national practice's order. */
export const EVENT_MAJORS = ['市容环境', '宣传广告', '施工管理', '街面秩序', '突发事件', '其他事件'] as const;

/** The major classes in English, by kind (市容环境 is a kind of thing and a kind of happening). */
const COMPONENT_MAJORS_EN: Record<(typeof COMPONENT_MAJORS)[number], string> = {
  公用设施: 'Public utilities',
  道路交通: 'Roads and traffic',
  市容环境: 'Street furniture and sanitation',
  园林绿化: 'Parks and greenery',
  房屋土地: 'Buildings and land',
  其他设施: 'Other facilities',
};
const EVENT_MAJORS_EN: Record<(typeof EVENT_MAJORS)[number], string> = {
  市容环境: 'Streetscape and sanitation',
  宣传广告: 'Advertising and signs',
  施工管理: 'Construction',
  街面秩序: 'Street order',
  突发事件: 'Emergencies',
  其他事件: 'Other events',
};

/** A minor class as written in the table below: name, English name, department, limit, urgent. */
type Row = readonly [name: string, nameEn: string, department: string, limit: `${number}${'h' | 'd'}`, urgent?: 'urgent'];

function limit(text: `${number}${'h' | 'd'}`): TimeLimit {
  return { value: Number(text.slice(0, -1)), unit: text.endsWith('h') ? 'hours' : 'days' };
}

/**
 * Builds classes from a compact table. Codes are the kind letter (C 部件, E 事件), the 2-digit
 * major number (position in the majors list) and the 2-digit minor number: `E0101`.
 */
function classes<M extends string>(
  kind: CaseKind,
  majors: readonly M[],
  majorsEn: Record<M, string>,
  table: readonly (readonly Row[])[],
): CaseClass[] {
  const letter = kind === 'component' ? 'C' : 'E';
  return table.flatMap((rows, m) =>
    rows.map(([name, nameEn, departmentCode, time, urgent], k) => ({
      code: `${letter}${String(m + 1).padStart(2, '0')}${String(k + 1).padStart(2, '0')}`,
      kind,
      major: majors[m]!,
      majorEn: majorsEn[majors[m]!],
      name,
      nameEn,
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
 * English names are what a British or American council would call the thing, so an English
 * search finds it ("manhole", "rubbish", "parking").
 */
// prettier-ignore
const COMPONENTS: readonly (readonly Row[])[] = [
  [ // 公用设施
    ['井盖缺失', 'Manhole cover missing', 'szj', '2h', 'urgent'], ['井盖破损', 'Manhole cover damaged', 'szj', '4h'],
    ['上水井盖', 'Water main manhole cover', 'sw', '1d'], ['雨水箅子', 'Storm drain grate', 'szj', '1d'],
    ['电力设施', 'Electricity equipment', 'gd', '2d'], ['通信设施', 'Telecom equipment', 'tx', '2d'],
    ['燃气井盖', 'Gas manhole cover', 'rq', '4h', 'urgent'], ['消防栓', 'Fire hydrant', 'sw', '1d'],
    ['路灯', 'Street light', 'szj', '2d'],
  ],
  [ // 道路交通
    ['交通信号灯', 'Traffic lights', 'gaj', '4h', 'urgent'], ['交通标志牌', 'Traffic sign', 'gaj', '3d'],
    ['道路护栏', 'Road railing', 'gaj', '3d'], ['道路破损', 'Damaged road surface', 'szj', '3d'],
    ['人行道板破损', 'Broken paving slabs', 'szj', '3d'], ['公交站亭', 'Bus shelter', 'szj', '3d'],
  ],
  [ // 市容环境
    ['公共厕所', 'Public toilet', 'hwc', '1d'], ['垃圾箱', 'Rubbish bin', 'hwc', '1d'],
    ['垃圾收集站', 'Rubbish collection point', 'hwc', '1d'], ['户外广告设施', 'Outdoor advertising structure', 'cgj', '3d'],
  ],
  [ // 园林绿化
    ['行道树', 'Street tree', 'ylj', '3d'], ['绿地养护', 'Green space upkeep', 'ylj', '5d'],
    ['绿地护栏', 'Green space fence', 'ylj', '3d'], ['花坛花箱', 'Flower bed or planter', 'ylj', '3d'],
  ],
  [ // 房屋土地
    ['危险房屋', 'Dangerous building', 'zjj', '1d', 'urgent'], ['房屋外立面', 'Building facade', 'zjj', '5d'],
    ['闲置空地', 'Vacant lot', 'zjj', '5d'],
  ],
  [ // 其他设施
    ['架空线缆', 'Overhead cables', 'tx', '3d'], ['监控设施', 'CCTV camera', 'gaj', '3d'],
    ['健身设施', 'Outdoor fitness equipment', 'cgj', '5d'],
  ],
];

// prettier-ignore
const EVENTS: readonly (readonly Row[])[] = [
  [ // 市容环境
    ['暴露垃圾', 'Exposed rubbish', 'hwc', '4h'], ['道路不洁', 'Dirty street', 'hwc', '2h'],
    ['积存渣土', 'Dumped soil and rubble', 'hwc', '1d'], ['积水', 'Standing water', 'szj', '4h'],
    ['动物尸体', 'Dead animal', 'hwc', '2h'], ['餐饮油烟', 'Restaurant cooking fumes', 'hbj', '3d'],
  ],
  [ // 宣传广告
    ['非法小广告', 'Illegal fly-posting', 'cgj', '1d'], ['违规横幅', 'Unauthorised banner', 'cgj', '4h'],
    ['街头散发广告', 'Leafleting in the street', 'cgj', '2h'], ['广告牌破损', 'Damaged billboard', 'cgj', '4h', 'urgent'],
  ],
  [ // 施工管理
    ['违法建设', 'Illegal construction', 'cgj', '7d'], ['施工占道', 'Building works blocking the road', 'cgj', '1d'],
    ['施工扰民', 'Construction noise', 'hbj', '1d'], ['道路遗撒', 'Spilled load on the road', 'cgj', '2h'],
    ['工地围挡破损', 'Damaged site hoarding', 'zjj', '1d'],
  ],
  [ // 街面秩序
    ['占道经营', 'Trading on the pavement', 'cgj', '2h'], ['店外经营', 'Trading outside the shop', 'cgj', '2h'],
    ['流动摊贩', 'Street hawker', 'cgj', '2h'], ['露天烧烤', 'Open-air barbecue', 'cgj', '2h'],
    ['机动车乱停放', 'Illegal car parking', 'gaj', '2h'], ['非机动车乱停放', 'Bicycle or e-bike parked in the way', 'gaj', '4h'],
    ['无照经营', 'Unlicensed business', 'scjg', '3d'],
  ],
  [ // 突发事件
    ['路面塌陷', 'Road collapse (sinkhole)', 'szj', '2h', 'urgent'], ['供水管道破裂', 'Burst water main', 'sw', '2h', 'urgent'],
    ['燃气泄漏', 'Gas leak', 'rq', '1h', 'urgent'], ['电线断落', 'Fallen power line', 'gd', '1h', 'urgent'],
    ['树木倒伏', 'Fallen tree', 'ylj', '2h', 'urgent'],
  ],
  [ // 其他事件
    ['噪声扰民', 'Noise nuisance', 'hbj', '1d'], ['违规饲养家禽', 'Poultry kept illegally', 'cgj', '3d'],
    ['食品安全隐患', 'Food safety hazard', 'scjg', '1d'],
  ],
];

/**
 * The default case-class catalogue (案件分类): components (部件) and events (事件), two levels each,
 * with responsible department, working-time limit and urgent flag. Data, not logic: the catalogue
 * is editable and a deployment may replace it.
 */
export const SAMPLE_CATALOGUE: readonly CaseClass[] = [
  ...classes('component', COMPONENT_MAJORS, COMPONENT_MAJORS_EN, COMPONENTS),
  ...classes('event', EVENT_MAJORS, EVENT_MAJORS_EN, EVENTS),
];
