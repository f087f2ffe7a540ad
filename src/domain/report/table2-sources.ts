/**
 * Where each table-二 cell comes from. 第二十条第（一）项 is computed from the agency's own
 * register of rules (规章) and normative documents; the other blocks count decisions made in
 * other systems (licensing, penalties, enforcement, fees, procurement), entered each year by an
 * officer with their source as yearly figures under the keys below.
 */
import type { FormatId } from './formats.ts';

export type DocumentKind = 'rules' | 'normative';

/** Measures over the document register for report year Y. */
export type DocumentMeasure =
  /** 2021 本年制发件数: published in Y */
  | 'issued'
  /** 2021 本年废止件数: repealed in Y */
  | 'repealed'
  /** 2021 现行有效件数 / 2019 对外公开总数量: published by 31 Dec Y and not repealed by then */
  | 'in_force'
  /** 2019 本年新制作数量: written (成文) in Y */
  | 'written'
  /** 2019 本年新公开数量: published in Y */
  | 'published';

export type CellSource =
  | { kind: 'documents'; document: DocumentKind; measure: DocumentMeasure }
  | { kind: 'figure'; key: string };

export interface FigureDef {
  key: string;
  /** Chinese label for the entry form */
  label: string;
  type: 'count' | 'signed' | 'amount';
  unit?: string;
}

const doc = (document: DocumentKind, measure: DocumentMeasure): CellSource => ({
  kind: 'documents',
  document,
  measure,
});
const fig = (key: string): CellSource => ({ kind: 'figure', key });

/** caption → row → column → source */
export type Table2Sources = Record<string, Record<string, Record<string, CellSource>>>;

export const TABLE2_SOURCES: Record<FormatId, Table2Sources> = {
  '2019': {
    '第二十条第（一）项': {
      规章: {
        本年新制作数量: doc('rules', 'written'),
        本年新公开数量: doc('rules', 'published'),
        对外公开总数量: doc('rules', 'in_force'),
      },
      规范性文件: {
        本年新制作数量: doc('normative', 'written'),
        本年新公开数量: doc('normative', 'published'),
        对外公开总数量: doc('normative', 'in_force'),
      },
    },
    '第二十条第（五）项': {
      行政许可: {
        上一年项目数量: fig('licensing.previous_items'),
        '本年增/减': fig('licensing.change'),
        处理决定数量: fig('licensing.decisions'),
      },
      其他对外管理服务事项: {
        上一年项目数量: fig('other_services.previous_items'),
        '本年增/减': fig('other_services.change'),
        处理决定数量: fig('other_services.decisions'),
      },
    },
    '第二十条第（六）项': {
      行政处罚: {
        上一年项目数量: fig('penalty.previous_items'),
        '本年增/减': fig('penalty.change'),
        处理决定数量: fig('penalty.decisions'),
      },
      行政强制: {
        上一年项目数量: fig('enforcement.previous_items'),
        '本年增/减': fig('enforcement.change'),
        处理决定数量: fig('enforcement.decisions'),
      },
    },
    '第二十条第（八）项': {
      行政事业性收费: {
        上一年项目数量: fig('fees.previous_items'),
        '本年增/减': fig('fees.change'),
      },
    },
    '第二十条第（九）项': {
      政府集中采购: {
        采购项目数量: fig('procurement.projects'),
        采购总金额: fig('procurement.amount_yuan'),
      },
    },
  },
  '2021': {
    '第二十条第（一）项': {
      规章: {
        本年制发件数: doc('rules', 'issued'),
        本年废止件数: doc('rules', 'repealed'),
        现行有效件数: doc('rules', 'in_force'),
      },
      行政规范性文件: {
        本年制发件数: doc('normative', 'issued'),
        本年废止件数: doc('normative', 'repealed'),
        现行有效件数: doc('normative', 'in_force'),
      },
    },
    '第二十条第（五）项': { 行政许可: { 本年处理决定数量: fig('licensing.decisions') } },
    '第二十条第（六）项': {
      行政处罚: { 本年处理决定数量: fig('penalty.decisions') },
      行政强制: { 本年处理决定数量: fig('enforcement.decisions') },
    },
    '第二十条第（八）项': {
      行政事业性收费: { '本年收费金额（单位：万元）': fig('fees.amount_wan') },
    },
  },
};

/** The yearly figures an officer enters, per format, with their labels and types. */
export const FIGURES: readonly FigureDef[] = [
  { key: 'licensing.previous_items', label: '行政许可：上一年项目数量', type: 'count' },
  { key: 'licensing.change', label: '行政许可：本年增/减', type: 'signed' },
  { key: 'licensing.decisions', label: '行政许可：（本年）处理决定数量', type: 'count' },
  {
    key: 'other_services.previous_items',
    label: '其他对外管理服务事项：上一年项目数量',
    type: 'count',
  },
  { key: 'other_services.change', label: '其他对外管理服务事项：本年增/减', type: 'signed' },
  { key: 'other_services.decisions', label: '其他对外管理服务事项：处理决定数量', type: 'count' },
  { key: 'penalty.previous_items', label: '行政处罚：上一年项目数量', type: 'count' },
  { key: 'penalty.change', label: '行政处罚：本年增/减', type: 'signed' },
  { key: 'penalty.decisions', label: '行政处罚：（本年）处理决定数量', type: 'count' },
  { key: 'enforcement.previous_items', label: '行政强制：上一年项目数量', type: 'count' },
  { key: 'enforcement.change', label: '行政强制：本年增/减', type: 'signed' },
  { key: 'enforcement.decisions', label: '行政强制：（本年）处理决定数量', type: 'count' },
  { key: 'fees.previous_items', label: '行政事业性收费：上一年项目数量', type: 'count' },
  { key: 'fees.change', label: '行政事业性收费：本年增/减', type: 'signed' },
  { key: 'fees.amount_wan', label: '行政事业性收费：本年收费金额', type: 'amount', unit: '万元' },
  { key: 'procurement.projects', label: '政府集中采购：采购项目数量', type: 'count' },
  { key: 'procurement.amount_yuan', label: '政府集中采购：采购总金额', type: 'amount', unit: '元' },
];

/** The figure keys a report of `format` needs. */
export function figureKeys(format: FormatId): string[] {
  const keys: string[] = [];
  for (const rows of Object.values(TABLE2_SOURCES[format]))
    for (const cols of Object.values(rows))
      for (const s of Object.values(cols)) if (s.kind === 'figure') keys.push(s.key);
  return keys;
}
