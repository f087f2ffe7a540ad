/**
 * The consistency rules (勾稽关系) of the annual report, as data: one record per rule with its
 * severity, the formats it applies to, its legal or format basis and its check. The list is
 * meant to be read by a lawyer (the record type is ReportRule in rule-helpers.ts); the checks
 * live in rules-*.ts. Source: spec/regulations.md §1.1, §1.6, §1.8 and §5; rule ids follow
 * §1.6 and the sidecars of examples/reports.
 *
 * Blank ≠ 0: a check never reads a blank cell as 0. When an equation's operands include
 * blanks, the rule reports ONE finding with status `unverifiable` (always a warning).
 */
import { LEAST_FEE_NOTICE_YUAN, type FormatId } from './formats.ts';
import { FIGURES, type ReportRule } from './rule-helpers.ts';
import {
  checkCarryOver,
  checkItemCounts2019,
  checkNarrativeSimilar,
  checkSameData,
  checkValidStock,
  checkYearPair,
} from './rules-cross-year.ts';
import {
  checkLegalBasis,
  checkPublicationDeadline,
  checkTextNumbers,
  checkTextYear,
} from './rules-narrative.ts';
import {
  checkTableExtra,
  checkTableShape,
  checkTemplateMixed,
  checkTemplateYear,
} from './rules-shape.ts';
import { checkBlankCells } from './rules-blank.ts';
import { checkFeeCollected, checkFeeNotice, checkFeeUnpaid } from './rules-fees.ts';
import { checkLevelRules, checkT2Logic2019, checkT2Types } from './rules-table2.ts';
import {
  checkT3Col,
  checkT3NonNeg,
  checkT3Row,
  checkT3Sum7,
  checkT4NonNeg,
  checkT4Sum,
} from './rules-table34.ts';

export type { ReportRule, RuleNature } from './rule-helpers.ts';

const BOTH: readonly FormatId[] = ['2019', '2021'];
const F60 = '国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》';
const F30 = '国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》';
const F109 = '国办函〔2020〕109号《政府信息公开信息处理费管理办法》';
const T3_NOTE =
  '表三左上角表头注“（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）”';

export const REPORT_RULES: readonly ReportRule[] = [
  {
    id: 'TEMPLATE-YEAR',
    severity: 'error',
    formats: BOTH,
    crossYear: false,
    nature: 'stated',
    spec: '§1.1, §5',
    basis: `《政府信息公开条例》第五十条；${F60}（2019、2020年度）；${F30}（2021年度起）`,
    title: '报告格式与报告年度相符',
    statement: '2019、2020年度报告使用60号试行格式；2021年度起使用30号格式。',
    check: checkTemplateYear,
  },
  {
    id: 'TEMPLATE-MIXED',
    severity: 'warning',
    formats: BOTH,
    crossYear: false,
    nature: 'practice',
    spec: '§1.5, examples/reports README',
    basis: `${F60}与${F30}的表格差异（表二各项、表三“（六）其他处理”）`,
    title: '不得混用两种格式',
    statement:
      '表二各项和表三“（六）其他处理”须与报告所用格式一致，不得部分按旧格式、部分按新格式填写。',
    check: checkTemplateMixed,
  },
  {
    id: 'TABLE-SHAPE',
    severity: 'error',
    formats: BOTH,
    crossYear: false,
    nature: 'stated',
    spec: '§1.3, §1.4',
    basis: `《政府信息公开条例》第五十条；${F30}“年度报告内容……不能遗漏”；所用格式的表格结构`,
    title: '表格不缺项',
    statement: '所用格式规定的每一项、每一行、每一栏都应出现在报告中。',
    check: checkTableShape,
  },
  {
    id: 'TABLE-EXTRA',
    severity: 'warning',
    formats: BOTH,
    crossYear: false,
    nature: 'stated',
    spec: '§1.3, §1.4',
    basis: '所用格式的表格结构（格式之外的行、栏不参与勾稽核对）',
    title: '表格无格式外的行或栏',
    statement: '报告中不属于所用格式的项、行、栏予以提示，校验时不计算。',
    check: checkTableExtra,
  },
  {
    id: 'BLANK-CELL',
    severity: 'warning',
    formats: BOTH,
    crossYear: false,
    nature: 'practice',
    spec: '§1.8, §5',
    basis:
      '合规报告无数据处填“0”（60号、30号是否明文要求“无数据填0”未经核实）；评估中“以空白代替0”列为问题',
    title: '不得留空白单元格',
    statement: '每个数字单元格都应填写；空白不等于0，留空的单元格使相关勾稽关系无法核对。',
    check: checkBlankCells,
  },
  {
    id: 'T2-TYPES-2019',
    severity: 'error',
    formats: ['2019'],
    crossYear: false,
    nature: 'stated',
    spec: '§1.3, §1.6',
    basis: `${F60}表二；湖北省填报说明（“本年增/减”减少时填负数）`,
    title: '表二数据类型（2019年格式）',
    statement:
      '“本年增/减”为整数（可为负）；其余数量为非负整数；“采购总金额”为不小于0、不含单位的十进制数字。',
    check: checkT2Types,
  },
  {
    id: 'T2-TYPES-2021',
    severity: 'error',
    formats: ['2021'],
    crossYear: false,
    nature: 'stated',
    spec: '§1.4, §1.6',
    basis: `${F30}表二`,
    title: '表二数据类型（2021年格式）',
    statement:
      '件数和处理决定数量为非负整数；“本年收费金额（单位：万元）”为不小于0、不含单位的十进制数字。',
    check: checkT2Types,
  },
  {
    id: 'T2-LOGIC-2019',
    severity: 'warning',
    formats: ['2019'],
    crossYear: false,
    nature: 'derived',
    spec: '§1.6',
    basis: `${F60}表二第二十条第（五）（六）（八）项；湖北省填报说明（“上一年项目数量”为上一年事项数）`,
    title: '事项数不为负（2019年格式）',
    statement: '上一年项目数量 + 本年增/减 ≥ 0。',
    check: checkT2Logic2019,
  },
  {
    id: 'LEVEL-规章',
    severity: 'warning',
    formats: BOTH,
    crossYear: false,
    nature: 'derived',
    spec: '§1.6 LEVEL-规章, §5',
    basis:
      '《中华人民共和国立法法》关于部门规章和地方政府规章制定主体的规定（条号待核实）；湖北省填报说明“规章（设区的市、自治州人民政府应提供相关数据）”',
    title: '无规章制定权的机关不填报规章',
    statement:
      '规章只能由国务院部门和省、自治区、直辖市及设区的市、自治州人民政府制定：县（区）级、乡镇（街道）级人民政府和地方各级政府部门的报告，表二“规章”一行应全部为0。',
    check: checkLevelRules,
  },
  {
    id: 'T3-NONNEG',
    severity: 'error',
    formats: BOTH,
    crossYear: false,
    nature: 'stated',
    spec: '§1.6',
    basis: '表三各栏为申请件数',
    title: '表三为非负整数',
    statement: '表三每个单元格为不小于0的整数。',
    check: checkT3NonNeg,
  },
  {
    id: 'T3-COL',
    severity: 'error',
    formats: BOTH,
    crossYear: false,
    nature: 'stated',
    spec: '§1.6',
    basis: T3_NOTE,
    title: '表三各列收支平衡',
    statement: '每一列：第一项 + 第二项 = 第三项（七）总计 + 第四项。',
    check: checkT3Col,
  },
  {
    id: 'T3-SUM7',
    severity: 'error',
    formats: BOTH,
    crossYear: false,
    nature: 'implicit',
    spec: '§1.6',
    basis: `表三“三、本年度办理结果”的结构（隐含勾稽关系）；${F30}中（六）分为1—3项`,
    title: '表三（七）总计等于各项办理结果之和',
    statement:
      '每一列：（七）总计 = （一）+（二）+（三）1—8 +（四）1—3 +（五）1—5 +（六）（2021年格式为（六）1—3）。',
    check: checkT3Sum7,
  },
  {
    id: 'T3-ROW',
    severity: 'error',
    formats: BOTH,
    crossYear: false,
    nature: 'implicit',
    spec: '§1.6',
    basis: '表三“申请人情况”的结构：总计 = 自然人 + 法人或其他组织五类（无“法人或其他组织”小计列）',
    title: '表三各行总计等于各申请人类别之和',
    statement: '每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。',
    check: checkT3Row,
  },
  {
    id: 'T4-NONNEG',
    severity: 'error',
    formats: BOTH,
    crossYear: false,
    nature: 'stated',
    spec: '§1.6',
    basis: '表四各栏为行政复议、行政诉讼案件数',
    title: '表四为非负整数',
    statement: '表四每个单元格为不小于0的整数。',
    check: checkT4NonNeg,
  },
  {
    id: 'T4-SUM',
    severity: 'error',
    formats: BOTH,
    crossYear: false,
    nature: 'implicit',
    spec: '§1.3, §1.6',
    basis: '表四的结构：行政复议、未经复议直接起诉、复议后起诉三组各设“总计”（隐含勾稽关系）',
    title: '表四各组总计等于各项结果之和',
    statement: '每一组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。',
    check: checkT4Sum,
  },
  {
    id: 'FEE-NOTICE',
    severity: 'error',
    formats: BOTH,
    crossYear: false,
    nature: 'implicit',
    spec: '§2.5',
    basis: `${F109}第四条、第五条（收费标准）、第六条（收费通知载明收费数额）`,
    title: '信息处理费收取情况表：通知收取件数与金额相符',
    statement: `报告另附“信息处理费收取情况”表（通知收取件数、通知收取金额（元）、实际收取金额（元））的：通知收取件数为0，通知收取金额应为0；通知收取件数大于0，通知收取金额应不少于件数×${LEAST_FEE_NOTICE_YUAN}元（按收费标准，按量计收自第31页起每页10元，按件计收自第11件起每件100元，一份收费通知至少${LEAST_FEE_NOTICE_YUAN}元）。`,
    check: checkFeeNotice,
  },
  {
    id: 'FEE-COLLECTED',
    severity: 'warning',
    formats: BOTH,
    crossYear: false,
    nature: 'derived',
    spec: '§2.5',
    basis: `${F109}第六条（申请人按收费通知缴纳费用）`,
    title: '信息处理费收取情况表：实际收取不超过通知收取',
    statement:
      '报告另附“信息处理费收取情况”表的：实际收取金额应不超过通知收取金额（上年发出收费通知、本年缴纳的除外）。',
    check: checkFeeCollected,
  },
  {
    id: 'FEE-UNPAID',
    severity: 'warning',
    formats: ['2021'],
    crossYear: false,
    nature: 'derived',
    spec: '§1.4, §2.5',
    basis: `${F30}表三第三项（六）2；${F109}第六条（逾期未缴费的，视为放弃申请）`,
    title: '逾期未缴费不再处理的申请不多于收费通知',
    statement:
      '报告另附“信息处理费收取情况”表的：表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”的总计，应不多于通知收取件数（上年发出收费通知的除外）。',
    check: checkFeeUnpaid,
  },
  {
    id: 'TEXT-NUM',
    severity: 'warning',
    formats: BOTH,
    crossYear: false,
    nature: 'derived',
    spec: '§1.6, §5',
    basis: `${F30}（四）明确责任：“发布内容不准确不全面”的，依《政府信息公开条例》第四十七条追究责任`,
    title: '正文数字与表格一致',
    statement:
      '“一、总体情况”“六、其他需要报告的事项”（以及三、四两部分表格前后的文字、第一部分之前的文字）中写明的收到（受理）申请数（或写明未收到申请）、上年结转数、办结（答复）数、结转下年度数，应分别等于表三第一项、第二项、第三项（七）、第四项的总计；写明的某一办理结果的件数（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理），应等于表三该项（或其各小项之和）的总计；与收到的申请数同句写明的各类申请人件数（自然人、法人或其他组织、商业企业等），应等于表三第一项（或第一项与第二项之和）的相应栏；写明的行政复议、行政诉讼件数（或写明没有），应等于表四“行政复议”的总计、“行政诉讼”两组总计之和；报告另附“信息处理费收取情况”表的，写明的收取信息处理费金额（或写明未收取、没有产生），应等于该表的实际收取金额。',
    figures: { stated: '正文', computed: '表格' },
    check: checkTextNumbers,
  },
  {
    id: 'TEXT-YEAR',
    severity: 'warning',
    formats: BOTH,
    crossYear: false,
    nature: 'practice',
    spec: '§5',
    basis: `${F30}（四）：“发布内容不准确”“内容雷同”的，依《政府信息公开条例》第四十七条追究责任`,
    title: '正文所写年度与报告年度一致',
    statement:
      '正文写明的数据统计期限（自某年1月1日至12月31日）和对本报告的称呼（编制完成某年度政府信息公开工作年度报告）应为报告年度，报告末尾的落款日期（和版记的印发日期）应在报告年度之后（次年），“存在的主要问题及改进情况”中的改进计划应是下一年度的；写成其他年度的，多是沿用了往年报告的文字。',
    figures: { stated: '正文', computed: '报告年度' },
    check: checkTextYear,
  },
  {
    id: 'BASIS-OUTDATED',
    severity: 'warning',
    formats: BOTH,
    crossYear: false,
    nature: 'practice',
    spec: '§5',
    basis: `${F30}（2021年度起适用）；《政府信息公开条例》（国务院令第711号，2019年5月15日起施行）第四十九条（年度报告的发布期限）；国办函〔2020〕109号（2020年11月17日印发）`,
    title: '不引用已不适用或报告发布时尚未印发的依据',
    statement:
      '2021年度起的报告不再以〔2019〕60号为编制依据；2019年度起的报告不再引用国务院令第492号（2008年条例）；报告也不会引用在本年度报告发布期限之后才印发的文件：2019年度报告引用国办函〔2020〕109号、2020年度及以前的报告引用国办公开办函〔2021〕30号，多是照搬了后来年度的文字。',
    figures: { stated: '引用', computed: '应为' },
    check: checkLegalBasis,
  },
  {
    id: 'PUB-DEADLINE',
    severity: 'warning',
    formats: BOTH,
    crossYear: false,
    nature: 'stated',
    spec: '§2.6, §5',
    basis:
      '《政府信息公开条例》第四十九条（县级以上人民政府部门1月31日前、县级以上地方人民政府3月31日前）；乡镇（街道）按本地规定',
    title: '按时发布年度报告',
    statement:
      '年度报告在发布期限内（含当日）向社会公布：县级以上人民政府部门为次年1月31日，县级以上地方人民政府为次年3月31日，乡镇（街道）按本地设定的期限。',
    figures: { stated: '发布日期', computed: '发布期限' },
    check: checkPublicationDeadline,
  },
  {
    id: 'X-YEAR-PAIR',
    severity: 'warning',
    formats: BOTH,
    crossYear: true,
    nature: 'derived',
    spec: '§1.6',
    basis: '跨年度勾稽须以同一机关上一年度的报告为对照',
    title: '跨年度对照报告为同一机关上一年度',
    statement: '用于跨年度核对的报告应为同一机关、报告年度减一的年度报告；否则跨年度规则不予核对。',
    check: checkYearPair,
  },
  {
    id: 'X-YEAR-CARRY',
    severity: 'warning',
    formats: BOTH,
    crossYear: true,
    nature: 'derived',
    spec: '§1.6',
    basis:
      '表三第二项“上年结转”与上一年度第四项“结转下年度继续办理”的对应关系（推导规则，格式未明文规定）',
    title: '上年结转等于上年报告的结转下年度',
    statement: '每一列：本年表三第二项 = 上一年度报告表三第四项。',
    check: checkCarryOver,
  },
  {
    id: 'X-YEAR-VALID',
    severity: 'warning',
    formats: ['2021'],
    crossYear: true,
    nature: 'derived',
    spec: '§1.6',
    basis: `${F30}表二第二十条第（一）项（推导规则；修改、机构调整等可致合理差异）`,
    title: '现行有效件数前后衔接（2021年格式）',
    statement:
      '规章、行政规范性文件：现行有效件数（本年）= 现行有效件数（上年）+ 本年制发件数 − 本年废止件数。',
    check: checkValidStock,
  },
  {
    id: 'X-YEAR-ITEMS-2019',
    severity: 'warning',
    formats: ['2019'],
    crossYear: true,
    nature: 'derived',
    spec: '§1.3（湖北省填报说明）',
    basis: `${F60}表二第二十条第（五）（六）（八）项；湖北省填报说明（“上一年项目数量”为上一年事项数，“本年增/减”为事项增减数）`,
    title: '事项数前后衔接（2019年格式）',
    statement: '上一年项目数量（本年）= 上一年项目数量（上年）+ 本年增/减（上年）。',
    check: checkItemCounts2019,
  },
  {
    id: 'X-YEAR-SIMILAR',
    severity: 'warning',
    formats: BOTH,
    crossYear: true,
    nature: 'practice',
    spec: '§5',
    basis: `${F30}（四）明确责任：“内容雷同、敷衍塞责”的，依《政府信息公开条例》第四十七条追究责任`,
    title: '正文不照抄上年',
    statement: '正文（一、五、六部分）与上一年度报告的相似度不超过80%（阈值为产品设定）。',
    figures: { stated: '相似度', computed: '上限' },
    check: checkNarrativeSimilar,
  },
  {
    id: 'X-YEAR-SAME-DATA',
    severity: 'warning',
    formats: BOTH,
    crossYear: true,
    nature: 'practice',
    spec: '§5',
    basis: `${F30}（四）明确责任：“发布内容不准确”；评估实践（连续年度数据完全相同的报告被通报）`,
    title: '表格数据不照抄上年',
    statement: '表二、表三、表四的数字不应与上一年度完全相同（全部为0的除外）。',
    check: checkSameData,
  },
];

export const ruleById = (id: string): ReportRule | undefined =>
  REPORT_RULES.find((r) => r.id === id);

/** The words for the figures of a finding of rule `id` (ReportRule.figures). */
export const figuresOf = (id: string): { stated: string; computed: string } =>
  ruleById(id)?.figures ?? FIGURES;

/**
 * A finding's figures in its rule's words, as the CLI and pages append them to its message:
 * （填报 20，应为 26）, （正文 749，表格 713）, （引用 国办公开办函〔2019〕60号）; '' without figures.
 */
export function figuresText(f: { rule: string; stated?: unknown; computed?: unknown }): string {
  if (f.stated === undefined) return '';
  const w = figuresOf(f.rule);
  const computed =
    f.computed !== undefined || w === FIGURES ? `，${w.computed} ${String(f.computed ?? '')}` : '';
  return `（${w.stated} ${String(f.stated ?? '')}${computed}）`;
}
