import type { BBox } from '../geo/polygon.ts';

/**
 * The sample district's layout as data: extent, lattice, streets and their communities. The
 * geometry code in `grids.ts` only follows this table, so a different sample is a data change.
 */

/** The rectangle the sample grids tile: the Meilie urban area, roughly. `[w, s, e, n]`. */
export const SAMPLE_EXTENT: Readonly<BBox> = [117.59, 26.22, 117.66, 26.3];

/** Lattice size: 15 columns (west → east) × 11 rows (north → south) = 165 grids, as in Meilie. */
export const SAMPLE_COLUMNS = 15;
export const SAMPLE_ROWS = 11;

/** A block of lattice cells, inclusive bounds; columns count from the west, rows from the north. */
export interface CellBlock {
  col0: number;
  col1: number;
  row0: number;
  row1: number;
}

/** One community: its 3-digit number within the street, and its name as displayed (Chinese, English). */
export interface CommunitySpec {
  number: string;
  name: string;
  /** Pinyin with the kind in English: `Dong'an Community`, `Liexi Village`. */
  nameEn: string;
}

/** One street (街道): code, name, its lattice block and its communities in layout order. */
export interface StreetSpec {
  code: string;
  name: string;
  /** Pinyin and `Street` (街道 is a sub-district; its offices call themselves so in English). */
  nameEn: string;
  /** Short ASCII key, used for demo usernames (e.g. `liexi_chief`). */
  key: string;
  block: CellBlock;
  /**
   * How the block is walked when cutting it into communities: a boustrophedon (snake) walk along
   * rows or columns. Consecutive cells of a snake walk always share an edge, so every community
   * cut from it as a run of consecutive cells is contiguous.
   */
  walk: 'rows' | 'columns';
  communities: CommunitySpec[];
}

/**
 * 列西 takes the western six columns; east of it 列东 holds the north and 徐碧 the south, which
 * echoes the real arrangement (列西 west of the Shaxi river, 徐碧 downstream to the south-east).
 * Community numbers follow the 12-digit division code: 001–199 for 社区 (residents' committees),
 * 200–399 for 村 (villagers' committees), hence 列西村 = 201. 小蕉社区 is 350404002008 as in
 * docs/domain.md; the other numbers are illustrative, not the official ones.
 */
export const SAMPLE_STREETS: readonly StreetSpec[] = [
  {
    code: '350404001',
    name: '列东街道',
    nameEn: 'Liedong Street',
    key: 'liedong',
    block: { col0: 6, col1: 14, row0: 0, row1: 5 },
    walk: 'columns',
    communities: [
      { number: '001', name: '东安社区', nameEn: "Dong'an Community" },
      { number: '002', name: '东乾社区', nameEn: 'Dongqian Community' },
      { number: '003', name: '圳尾社区', nameEn: 'Zhenwei Community' },
      { number: '004', name: '乾龙社区', nameEn: 'Qianlong Community' },
      { number: '005', name: '江滨社区', nameEn: 'Jiangbin Community' },
      { number: '006', name: '新亭社区', nameEn: 'Xinting Community' },
    ],
  },
  {
    code: '350404002',
    name: '列西街道',
    nameEn: 'Liexi Street',
    key: 'liexi',
    block: { col0: 0, col1: 5, row0: 0, row1: 10 },
    walk: 'rows',
    communities: [
      { number: '001', name: '青山社区', nameEn: 'Qingshan Community' },
      { number: '002', name: '北山社区', nameEn: 'Beishan Community' },
      { number: '003', name: '翁墩社区', nameEn: 'Wengdun Community' },
      { number: '004', name: '龙岗社区', nameEn: 'Longgang Community' },
      { number: '201', name: '列西村', nameEn: 'Liexi Village' },
      { number: '005', name: '中台社区', nameEn: 'Zhongtai Community' },
      { number: '008', name: '小蕉社区', nameEn: 'Xiaojiao Community' },
      { number: '006', name: '群英社区', nameEn: 'Qunying Community' },
      { number: '007', name: '富华社区', nameEn: 'Fuhua Community' },
    ],
  },
  {
    code: '350404003',
    name: '徐碧街道',
    nameEn: 'Xubi Street',
    key: 'xubi',
    block: { col0: 6, col1: 14, row0: 6, row1: 10 },
    walk: 'columns',
    communities: [
      { number: '001', name: '徐碧社区', nameEn: 'Xubi Community' },
      { number: '002', name: '崇荣社区', nameEn: 'Chongrong Community' },
      { number: '003', name: '梅岭社区', nameEn: 'Meiling Community' },
      { number: '004', name: '一路社区', nameEn: 'Yilu Community' },
      { number: '005', name: '三路社区', nameEn: 'Sanlu Community' },
    ],
  },
];
