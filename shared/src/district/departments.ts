import type { Department } from '../domain/district.ts';

/**
 * Default responsible departments (职能部门) for the sample district. Codes are short pinyin
 * initials so they read well in URLs and demo usernames (`dept_cgj`). Editable data: a deployment
 * replaces this list with its own units.
 */
export const SAMPLE_DEPARTMENTS: readonly Department[] = [
  // 城管 / 综合执法: street order, illegal building, ads
  { code: 'cgj', name: '城市管理局', shortName: '城管局', nameEn: 'City Management Bureau', shortNameEn: 'City Management' },
  // 环卫: rubbish, street cleaning, public toilets
  { code: 'hwc', name: '环境卫生管理处', shortName: '环卫处', nameEn: 'Sanitation Office', shortNameEn: 'Sanitation' },
  // 市政: roads, drains, street lights, manholes
  { code: 'szj', name: '市政工程管理处', shortName: '市政处', nameEn: 'Municipal Works Office', shortNameEn: 'Municipal Works' },
  // 公安/交警: traffic facilities and parking
  { code: 'gaj', name: '公安分局交警大队', shortName: '交警大队', nameEn: 'Traffic Police Brigade', shortNameEn: 'Traffic Police' },
  // 市场监管: unlicensed trade, food safety
  {
    code: 'scjg',
    name: '市场监督管理局',
    shortName: '市场监管局',
    nameEn: 'Market Regulation Administration',
    shortNameEn: 'Market Regulation',
  },
  // 住建: dangerous houses, building sites
  {
    code: 'zjj',
    name: '住房和城乡建设局',
    shortName: '住建局',
    nameEn: 'Housing and Urban-Rural Development Bureau',
    shortNameEn: 'Housing & Building',
  },
  // 园林: street trees, green spaces
  { code: 'ylj', name: '园林管理中心', shortName: '园林中心', nameEn: 'Parks and Landscaping Centre', shortNameEn: 'Parks' },
  // 水务: water mains, hydrants, water manholes
  { code: 'sw', name: '水务集团', shortName: '水务', nameEn: 'Water Supply Group', shortNameEn: 'Water' },
  // 供电: power lines and boxes
  { code: 'gd', name: '供电公司', shortName: '供电', nameEn: 'Power Supply Company', shortNameEn: 'Power' },
  // 通信: telecom cables and boxes
  { code: 'tx', name: '通信运营商', shortName: '通信', nameEn: 'Telecom Operators', shortNameEn: 'Telecom' },
  // 燃气: gas pipes and manholes
  { code: 'rq', name: '燃气公司', shortName: '燃气', nameEn: 'Gas Company', shortNameEn: 'Gas' },
  // 生态环境: noise, fumes, pollution
  { code: 'hbj', name: '生态环境局', shortName: '环境局', nameEn: 'Ecology and Environment Bureau', shortNameEn: 'Environment' },
];
