import type { Department } from '../domain/district.ts';

/**
 * Default responsible departments (职能部门) for the sample district. Codes are short pinyin
 * initials so they read well in URLs and demo usernames (`dept_cgj`). Editable data: a deployment
 * replaces this list with its own units.
 */
export const SAMPLE_DEPARTMENTS: readonly Department[] = [
  { code: 'cgj', name: '城市管理局' }, // 城管 / 综合执法: street order, illegal building, ads
  { code: 'hwc', name: '环境卫生管理处' }, // 环卫: rubbish, street cleaning, public toilets
  { code: 'szj', name: '市政工程管理处' }, // 市政: roads, drains, street lights, manholes
  { code: 'gaj', name: '公安分局交警大队' }, // 公安/交警: traffic facilities and parking
  { code: 'scjg', name: '市场监督管理局' }, // 市场监管: unlicensed trade, food safety
  { code: 'zjj', name: '住房和城乡建设局' }, // 住建: dangerous houses, building sites
  { code: 'ylj', name: '园林管理中心' }, // 园林: street trees, green spaces
  { code: 'sw', name: '水务集团' }, // 水务: water mains, hydrants, water manholes
  { code: 'gd', name: '供电公司' }, // 供电: power lines and boxes
  { code: 'tx', name: '通信运营商' }, // 通信: telecom cables and boxes
  { code: 'rq', name: '燃气公司' }, // 燃气: gas pipes and manholes
  { code: 'hbj', name: '生态环境局' }, // 生态环境: noise, fumes, pollution
];
