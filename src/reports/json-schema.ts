/**
 * The JSON Schema (draft 2020-12) of the report document written by `toJson`, derived from the
 * formats so that it cannot drift from them. annual-report.schema.json is this function's
 * output, published for other systems; a test checks that the two are equal. To regenerate:
 *
 *   node --import tsx -e "import('./src/reports/json-schema.ts').then((m) =>
 *     console.log(JSON.stringify(m.annualReportSchema(), null, 2)))" \
 *     > src/reports/annual-report.schema.json && npx prettier --write src/reports/*.json
 */
import { AGENCY_KINDS, AGENCY_LEVELS } from '../domain/agency.ts';
import {
  FORMATS,
  TABLE3_COLUMNS,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  type Table2Column,
} from '../domain/report/formats.ts';
import { NARRATIVE_KEYS, TABLE4_VALUE_NAMES, amountPattern, table3Layouts } from './json.ts';
import { table3RowLabel } from './layout.ts';

type Schema = Record<string, unknown>;

/** an object with exactly these keys */
const exact = (entries: readonly (readonly [string, Schema])[]): Schema => ({
  type: 'object',
  required: entries.map(([k]) => k),
  additionalProperties: false,
  properties: Object.fromEntries(entries),
});
const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });

const UNIT_NAMES: Record<string, string> = { 元: 'amountYuan', 万元: 'amountWanYuan' };
function cellDef(c: Pick<Table2Column, 'kind' | 'unit'>): string {
  if (c.kind !== 'amount') return c.kind;
  const name = UNIT_NAMES[c.unit ?? ''];
  if (!name) throw new RangeError(`no schema name for the unit ${c.unit}`);
  return name;
}

function cellDefs(): Record<string, Schema> {
  const units = new Set(
    FORMATS.flatMap((f) => f.table2.flatMap((b) => b.columns))
      .filter((c) => c.kind === 'amount')
      .map((c) => c.unit),
  );
  const amounts = [...units].map((unit) => [
    cellDef({ kind: 'amount', unit }),
    {
      description: `金额（${unit}），非负小数的字符串，可带单位“${unit}”；null 为空白单元格`,
      type: ['string', 'null'],
      pattern: amountPattern(unit),
    },
  ]);
  return {
    count: {
      description: '非负整数；null 为空白单元格（空白不等于 0）',
      type: ['integer', 'null'],
      minimum: 0,
    },
    signed: { description: '整数，减少为负数；null 为空白单元格', type: ['integer', 'null'] },
    ...Object.fromEntries(amounts),
  };
}

export function annualReportSchema(): Schema {
  const table2Defs = FORMATS.map((f) => [
    `table2_${f.id}`,
    exact(
      f.table2.map((b) => [
        b.caption,
        exact(b.rows.map((r) => [r, exact(b.columns.map((c) => [c.label, ref(cellDef(c))]))])),
      ]),
    ),
  ]);
  const table3Defs = FORMATS.map((f) => [
    `table3_${f.id}`,
    exact([
      ['columns', { const: TABLE3_COLUMNS }],
      ['rows', exact(f.table3Rows.map((r) => [r.key, ref('table3Values')]))],
      ['row_labels', exact(f.table3Rows.map((r) => [r.key, { const: table3RowLabel(r) }]))],
    ]),
  ]);
  const count = ref('count');
  const n4 = TABLE4_VALUE_NAMES.length;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: '政府信息公开工作年度报告（数据）',
    description:
      '一个机关一个年度的报告：正文与表二、表三、表四。表格的键与 examples/reports 的 sidecar 相同。template 决定表格的格式：2019 为国办公开办函〔2019〕60号格式（试行），2021 为国办公开办函〔2021〕30号格式；2021 格式的表三也接受只有一行（六）其他处理的数据（混用格式，由校验规则指出）。',
    ...exact([
      ['year', { type: 'integer', minimum: 2019 }],
      ['template', { enum: FORMATS.map((f) => f.id) }],
      [
        'agency',
        exact([
          ['name', { type: 'string', minLength: 1 }],
          ['level', { enum: AGENCY_LEVELS }],
          ['kind', { enum: AGENCY_KINDS }],
        ]),
      ],
      ['narrative', exact(NARRATIVE_KEYS.map((n) => [n, { type: 'string' }]))],
      // table2 and table3 depend on the template: see oneOf
      ['table2', { type: 'object' }],
      ['table3', { type: 'object' }],
      [
        'table4',
        exact([
          ['columns', { const: TABLE4_VALUE_NAMES }],
          ['values', { type: 'array', items: count, minItems: n4, maxItems: n4 }],
          [
            'groups',
            exact(TABLE4_GROUPS.map((g) => [g.key, exact(TABLE4_COLUMNS.map((c) => [c, count]))])),
          ],
        ]),
      ],
    ]),
    oneOf: FORMATS.map((f) => {
      const layouts = table3Layouts(f.id).map((id) => ref(`table3_${id}`));
      return {
        type: 'object',
        required: ['template'],
        properties: {
          template: { const: f.id },
          table2: ref(`table2_${f.id}`),
          table3: layouts.length === 1 ? layouts[0] : { anyOf: layouts },
        },
      };
    }),
    $defs: {
      ...cellDefs(),
      table3Values: {
        type: 'array',
        items: count,
        minItems: TABLE3_COLUMNS.length,
        maxItems: TABLE3_COLUMNS.length,
      },
      ...Object.fromEntries(table2Defs),
      ...Object.fromEntries(table3Defs),
    },
  };
}
