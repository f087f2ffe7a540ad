/**
 * The statutory annual-report formats (政府信息公开工作年度报告格式), as data. Every label is
 * reproduced character for character with full-width punctuation (spec/regulations.md §1.2–1.5).
 * Renderers, the validator and the readers of published reports all derive from this one
 * definition; a future format is a new `ReportFormat` value added to `FORMATS`.
 */

export type FormatId = '2019' | '2021';

/** The six section headings, identical in both formats (§1.2). */
export const SECTION_HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
] as const;

/**
 * count: integer ≥ 0; signed: integer, may be negative (2019 本年增/减);
 * amount: a decimal ≥ 0 kept as a string, in the column's unit.
 */
export type CellKind = 'count' | 'signed' | 'amount';

export interface Table2Column {
  label: string;
  kind: CellKind;
  /** for amounts: the unit the value is in */
  unit?: string;
}

export interface Table2Block {
  /** e.g. 第二十条第（一）项: the article item of the 条例 the block reports on */
  caption: string;
  columns: readonly Table2Column[];
  rows: readonly string[];
}

export interface Table3Row {
  /** the sidecar key: 一, 二, 三（一）, 三（三）1, …, 三（七）, 四 */
  key: string;
  /** the row's own label, e.g. `1.属于国家秘密` */
  label: string;
  /** the merged group label above it, e.g. `（三）不予公开`; absent for top-level rows */
  group?: string;
}

export interface Table4Group {
  /** the sidecar key: 行政复议, 行政诉讼.未经复议直接起诉, 行政诉讼.复议后起诉 */
  key: string;
  label: string;
  /** the merged header above the group (行政诉讼), if any */
  parent?: string;
}

export interface ReportFormat {
  id: FormatId;
  /** the document that issued the format */
  source: string;
  title: string;
  /** report years the format applies to (inclusive); `to` absent = still in force */
  years: { from: number; to?: number };
  table2: readonly Table2Block[];
  table3Rows: readonly Table3Row[];
}

/** Top-left header cell of table 三 (both formats): the stated consistency rule. */
export const TABLE3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const TABLE3_APPLICANT_HEADER = '申请人情况';
export const TABLE3_ORG_HEADER = '法人或其他组织';
export const TABLE3_OUTCOME_GROUP = '三、本年度办理结果';
/** The 7 value columns of table 三; there is no 法人或其他组织 subtotal column (§1.3). */
export const TABLE3_COLUMNS = [
  '自然人',
  '商业企业',
  '科研机构',
  '社会公益组织',
  '法律服务机构',
  '其他',
  '总计',
] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];

export const TABLE4_GROUPS: readonly Table4Group[] = [
  { key: '行政复议', label: '行政复议' },
  { key: '行政诉讼.未经复议直接起诉', label: '未经复议直接起诉', parent: '行政诉讼' },
  { key: '行政诉讼.复议后起诉', label: '复议后起诉', parent: '行政诉讼' },
];
export const TABLE4_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;
export type Table4Column = (typeof TABLE4_COLUMNS)[number];

/**
 * 信息处理费收取情况: a table of fees some reports print beside the format's tables — 平潭's
 * departments from 2023, as a section 五 of their own or inside 六 — one row of three cells. It is
 * in neither national format (国办公开办函〔2021〕30号 only asks section 六 to report the fees
 * collected under 国办函〔2020〕109号); a report read with it is checked by FEE-NOTICE,
 * FEE-COLLECTED and FEE-UNPAID. Amounts in 元.
 */
export const FEE_TABLE = {
  heading: '信息处理费收取情况',
  columns: [
    { label: '通知收取件数', kind: 'count' },
    { label: '通知收取金额（元）', kind: 'amount', unit: '元' },
    { label: '实际收取金额（元）', kind: 'amount', unit: '元' },
  ],
} as const satisfies { heading: string; columns: readonly Table2Column[] };
export type FeeColumn = (typeof FEE_TABLE.columns)[number]['label'];
/**
 * The least one 收费通知 asks (国办函〔2020〕109号): 按量计收 charges from the 31st page on, 10元 a
 * page (第五条（二）); 按件计收 from the 11th application in a month on, 100元 each (第四条（二）).
 */
export const LEAST_FEE_NOTICE_YUAN = 10;

const INFO = '信息内容';
export const TABLE2_FIRST_HEADER = INFO;

const sub = (group: string, prefix: string, labels: readonly string[]): Table3Row[] =>
  labels.map((label, i) => ({ key: `三${prefix}${i + 1}`, label: `${i + 1}.${label}`, group }));

function table3Rows(other: 'single' | 'split'): Table3Row[] {
  return [
    { key: '一', label: '一、本年新收政府信息公开申请数量' },
    { key: '二', label: '二、上年结转政府信息公开申请数量' },
    { key: '三（一）', label: '（一）予以公开', group: TABLE3_OUTCOME_GROUP },
    {
      key: '三（二）',
      label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      group: TABLE3_OUTCOME_GROUP,
    },
    ...sub('（三）不予公开', '（三）', [
      '属于国家秘密',
      '其他法律行政法规禁止公开',
      '危及“三安全一稳定”',
      '保护第三方合法权益',
      '属于三类内部事务信息',
      '属于四类过程性信息',
      '属于行政执法案卷',
      '属于行政查询事项',
    ]),
    ...sub('（四）无法提供', '（四）', [
      '本机关不掌握相关政府信息',
      '没有现成信息需要另行制作',
      '补正后申请内容仍不明确',
    ]),
    ...sub('（五）不予处理', '（五）', [
      '信访举报投诉类申请',
      '重复申请',
      '要求提供公开出版物',
      '无正当理由大量反复申请',
      '要求行政机关确认或重新出具已获取信息',
    ]),
    ...(other === 'single'
      ? [{ key: '三（六）', label: '（六）其他处理', group: TABLE3_OUTCOME_GROUP }]
      : sub('（六）其他处理', '（六）', [
          '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
          '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
          '其他',
        ])),
    { key: '三（七）', label: '（七）总计', group: TABLE3_OUTCOME_GROUP },
    { key: '四', label: '四、结转下年度继续办理' },
  ];
}

/** 国办公开办函〔2019〕60号, report years 2019–2020 (§1.3). */
export const FORMAT_2019: ReportFormat = {
  id: '2019',
  source: '国办公开办函〔2019〕60号',
  title: '中华人民共和国政府信息公开工作年度报告格式（试行）',
  years: { from: 2019, to: 2020 },
  table2: [
    {
      caption: '第二十条第（一）项',
      columns: [
        { label: '本年新制作数量', kind: 'count' },
        { label: '本年新公开数量', kind: 'count' },
        { label: '对外公开总数量', kind: 'count' },
      ],
      rows: ['规章', '规范性文件'],
    },
    {
      caption: '第二十条第（五）项',
      columns: [
        { label: '上一年项目数量', kind: 'count' },
        { label: '本年增/减', kind: 'signed' },
        { label: '处理决定数量', kind: 'count' },
      ],
      rows: ['行政许可', '其他对外管理服务事项'],
    },
    {
      caption: '第二十条第（六）项',
      columns: [
        { label: '上一年项目数量', kind: 'count' },
        { label: '本年增/减', kind: 'signed' },
        { label: '处理决定数量', kind: 'count' },
      ],
      rows: ['行政处罚', '行政强制'],
    },
    {
      caption: '第二十条第（八）项',
      columns: [
        { label: '上一年项目数量', kind: 'count' },
        { label: '本年增/减', kind: 'signed' },
      ],
      rows: ['行政事业性收费'],
    },
    {
      caption: '第二十条第（九）项',
      columns: [
        { label: '采购项目数量', kind: 'count' },
        // The template states no unit (UNVERIFIED, §1.3); the platform records 元 and says so.
        { label: '采购总金额', kind: 'amount', unit: '元' },
      ],
      rows: ['政府集中采购'],
    },
  ],
  table3Rows: table3Rows('single'),
};

/** 国办公开办函〔2021〕30号, report years 2021 on (§1.4). */
export const FORMAT_2021: ReportFormat = {
  id: '2021',
  source: '国办公开办函〔2021〕30号',
  title: '中华人民共和国政府信息公开工作年度报告格式',
  years: { from: 2021 },
  table2: [
    {
      caption: '第二十条第（一）项',
      columns: [
        { label: '本年制发件数', kind: 'count' },
        { label: '本年废止件数', kind: 'count' },
        { label: '现行有效件数', kind: 'count' },
      ],
      rows: ['规章', '行政规范性文件'],
    },
    {
      caption: '第二十条第（五）项',
      columns: [{ label: '本年处理决定数量', kind: 'count' }],
      rows: ['行政许可'],
    },
    {
      caption: '第二十条第（六）项',
      columns: [{ label: '本年处理决定数量', kind: 'count' }],
      rows: ['行政处罚', '行政强制'],
    },
    {
      caption: '第二十条第（八）项',
      columns: [{ label: '本年收费金额（单位：万元）', kind: 'amount', unit: '万元' }],
      rows: ['行政事业性收费'],
    },
  ],
  table3Rows: table3Rows('split'),
};

export const FORMATS: readonly ReportFormat[] = [FORMAT_2019, FORMAT_2021];

/** The format that applies to a report year; null before 2019 (free-form reports, out of scope). */
export function formatForYear(year: number): ReportFormat | null {
  return (
    FORMATS.find((f) => year >= f.years.from && (f.years.to === undefined || year <= f.years.to)) ??
    null
  );
}

export function formatById(id: FormatId): ReportFormat {
  const f = FORMATS.find((x) => x.id === id);
  if (!f) throw new RangeError(`unknown report format ${id}`);
  return f;
}
