/**
 * The interface text, Simplified Chinese first (the product's language) and English second. A
 * tiny dictionary instead of an i18n library: the client has a few hundred strings and no plurals
 * that Chinese needs. `{name}` placeholders are filled by `translate`.
 */

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const zhCN = {
  'app.name': '街长制指挥平台',
  'home.title': '街长制指挥平台',
  'home.lead': '梅列区城市网格化管理（街长制）',
  'home.wall': '指挥中心大屏',
  'home.wallHint': '1920×1080 / 4K 大屏，实时案件、超期、指标',
  'home.notFound': '没有页面 {path}',

  'signin.title': '登录',
  'signin.username': '用户名',
  'signin.password': '密码',
  'signin.submit': '登录',
  'signin.busy': '正在登录…',
  'signin.failed': '用户名或密码不正确',
  'signin.error': '登录失败：{message}',
  'session.checking': '正在连接服务器…',
  'session.unreachable': '无法连接服务器，{seconds} 秒后重试',
  'session.expired': '登录已过期，请重新登录；画面保留最后的数据',

  'wall.title': '{district}街长制指挥中心',
  'wall.defaultDistrict': '梅列区',
  'wall.loading': '正在加载数据…',
  'wall.loadFailed': '数据加载失败，正在重试：{message}',
  'conn.live': '实时',
  'conn.connecting': '连接中',
  'conn.offline': '已断开 · 自 {time}',
  'conn.bannerOffline': '与服务器的连接已断开（自 {time}），正在重连。画面显示的是断开前的数据。',
  'conn.bannerConnecting': '正在连接服务器…',
  'lang.toggle': 'EN',

  'kpi.reportsToday': '今日上报',
  'kpi.open': '在办',
  'kpi.overdue': '超期',
  'kpi.closureRate': '结案率',
  'kpi.closureRateDetail': '{closed} / {due} 件',
  'kpi.none': '—',
  'unit.cases': '件',

  'today.title': '今日上报',
  'today.bySource': '按来源',
  'today.byStreet': '按街道',
  'today.pipeline': '在办案件状态',
  'today.empty': '今日暂无上报',

  'dept.title': '部门在办',
  'dept.open': '在办',
  'dept.overdue': '超期',
  'dept.none': '暂无在办案件',

  'overdue.title': '超期案件',
  'overdue.count': '共 {n} 件',
  'overdue.none': '当前没有超期案件',
  'overdue.by': '超期 {duration}',
  'overdue.more': '另有 {n} 件未显示',
  'overdue.noDept': '未派遣',

  'ticker.title': '实时动态',
  'ticker.empty': '暂无事件',

  'legend.title': '图例',
  'legend.gridOpen': '网格在办',
  'legend.gridOverdue': '网格有超期',

  'dur.days': '{d}天{h}小时',
  'dur.hours': '{h}小时{m}分',
  'dur.minutes': '{m}分钟',

  'status.reported': '待立案',
  'status.registered': '待派遣',
  'status.dispatched': '待受理',
  'status.in_progress': '处置中',
  'status.handled': '待核查',
  'status.closed': '已结案',
  'status.voided': '已作废',
  'status.parked': '挂账',

  'marker.reported': '新上报',
  'marker.pending': '待派遣/受理',
  'marker.in_progress': '处置中',
  'marker.handled': '待核查',
  'marker.parked': '挂账',
  'marker.overdue': '超期',
  'marker.closed': '今日结案',

  'kind.report': '上报',
  'kind.register': '立案',
  'kind.void': '作废',
  'kind.dispatch': '派遣',
  'kind.accept': '受理',
  'kind.return': '回退',
  'kind.feedback': '反馈',
  'kind.check_pass': '核查通过',
  'kind.check_fail': '核查不通过',
  'kind.request_extension': '申请延期',
  'kind.approve_extension': '延期',
  'kind.reject_extension': '驳回延期',
  'kind.park': '挂账',
  'kind.unpark': '解除挂账',
  'kind.escalate': '督办',
  'kind.comment': '批示',
  'kind.warned': '预警',
  'kind.overdue': '超期',

  'source.patrol': '巡查上报',
  'source.grid_staff': '网格员',
  'source.hotline': '热线',
  'source.public': '群众',
  'source.supervision': '督查',

  'unknown.grid': '未知网格',
  'unknown.category': '未分类',
  'disclaimer.default': '示例数据：网格边界为生成的示意，不是官方边界',
};

export type MessageKey = keyof typeof zhCN;
export type Dictionary = Record<MessageKey, string>;

const en: Dictionary = {
  'app.name': 'StreetChief',
  'home.title': 'StreetChief',
  'home.lead': 'Urban grid governance (street-chief system), Meilie district',
  'home.wall': 'Command-centre wall',
  'home.wallHint': '1920×1080 / 4K wall display: live cases, overdue, indicators',
  'home.notFound': 'No page at {path}',

  'signin.title': 'Sign in',
  'signin.username': 'Username',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.busy': 'Signing in…',
  'signin.failed': 'Wrong username or password',
  'signin.error': 'Sign-in failed: {message}',
  'session.checking': 'Connecting to the server…',
  'session.unreachable': 'Cannot reach the server, retrying in {seconds} s',
  'session.expired': 'Session expired, please sign in again; the last data stays on screen',

  'wall.title': '{district} Street-Chief Command Centre',
  'wall.defaultDistrict': 'Meilie District',
  'wall.loading': 'Loading data…',
  'wall.loadFailed': 'Loading failed, retrying: {message}',
  'conn.live': 'Live',
  'conn.connecting': 'Connecting',
  'conn.offline': 'Offline since {time}',
  'conn.bannerOffline': 'Connection to the server lost at {time}; reconnecting. The screen shows the data from before the loss.',
  'conn.bannerConnecting': 'Connecting to the server…',
  'lang.toggle': '中文',

  'kpi.reportsToday': 'Reports today',
  'kpi.open': 'Open',
  'kpi.overdue': 'Overdue',
  'kpi.closureRate': 'Closure',
  'kpi.closureRateDetail': '{closed}/{due}',
  'kpi.none': '—',
  'unit.cases': '',

  'today.title': 'Reported today',
  'today.bySource': 'By source',
  'today.byStreet': 'By street',
  'today.pipeline': 'Open cases by stage',
  'today.empty': 'No reports today',

  'dept.title': 'Open by department',
  'dept.open': 'open',
  'dept.overdue': 'overdue',
  'dept.none': 'No open cases',

  'overdue.title': 'Overdue cases',
  'overdue.count': '{n} in all',
  'overdue.none': 'No overdue cases',
  'overdue.by': '{duration} over',
  'overdue.more': '{n} more not shown',
  'overdue.noDept': 'not dispatched',

  'ticker.title': 'Live events',
  'ticker.empty': 'No events yet',

  'legend.title': 'Legend',
  'legend.gridOpen': 'Grid with open cases',
  'legend.gridOverdue': 'Grid with overdue cases',

  'dur.days': '{d} d {h} h',
  'dur.hours': '{h} h {m} min',
  'dur.minutes': '{m} min',

  'status.reported': 'To register',
  'status.registered': 'To dispatch',
  'status.dispatched': 'To accept',
  'status.in_progress': 'In progress',
  'status.handled': 'To check',
  'status.closed': 'Closed',
  'status.voided': 'Voided',
  'status.parked': 'Parked',

  'marker.reported': 'New report',
  'marker.pending': 'To dispatch / accept',
  'marker.in_progress': 'In progress',
  'marker.handled': 'To check',
  'marker.parked': 'Parked',
  'marker.overdue': 'Overdue',
  'marker.closed': 'Closed today',

  'kind.report': 'Reported',
  'kind.register': 'Registered',
  'kind.void': 'Voided',
  'kind.dispatch': 'Dispatched',
  'kind.accept': 'Accepted',
  'kind.return': 'Returned',
  'kind.feedback': 'Feedback',
  'kind.check_pass': 'Verified',
  'kind.check_fail': 'Rework',
  'kind.request_extension': 'Ext. asked',
  'kind.approve_extension': 'Extended',
  'kind.reject_extension': 'Ext. refused',
  'kind.park': 'Parked',
  'kind.unpark': 'Unparked',
  'kind.escalate': 'Escalated',
  'kind.comment': 'Instruction',
  'kind.warned': 'Warning',
  'kind.overdue': 'Overdue',

  'source.patrol': 'Patrol',
  'source.grid_staff': 'Grid staff',
  'source.hotline': 'Hotline',
  'source.public': 'Public',
  'source.supervision': 'Supervision',

  'unknown.grid': 'Unknown grid',
  'unknown.category': 'Uncategorised',
  'disclaimer.default': 'Sample data: grid boundaries are generated, not official',
};

export const DICTIONARIES: Record<Lang, Dictionary> = { 'zh-CN': zhCN, en };

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = DICTIONARIES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Is `s` a language the dictionary has? */
export function isLang(s: unknown): s is Lang {
  return typeof s === 'string' && (LANGS as readonly string[]).includes(s);
}
