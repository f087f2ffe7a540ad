/** Table 二 (主动公开): its blocks' captions and rows located in order, each row's cells read. */
import type { CellKind, Table2Block } from '../domain/report/formats.ts';
import type { Table2, Table2Value } from '../domain/report/model.ts';
import { anyCheck, readCells, reportRead, toNumber } from './cells.ts';
import { NOISE2, type LayoutLabels } from './labels.ts';
import { between, locate, nextStart, noteFuzzy, textAt, type Ctx } from './locate.ts';
import { readFinding } from './read-report.ts';

function modelValue(tok: string | null, kind: CellKind, unit: string | undefined): Table2Value {
  if (tok === null) return null;
  if (kind !== 'amount') return toNumber(tok);
  // Thousands separators and a unit equal to the column's are dropped; anything else (元 in a
  // 万元 column) stays as printed, for T2-TYPES to report.
  const bare = tok.replace(/,/g, '');
  const num = unit && bare.endsWith(unit) ? bare.slice(0, -unit.length) : bare;
  return /^\d+(\.\d+)?$/.test(num) ? num : tok;
}

export function readTable2(ctx: Ctx, lay: LayoutLabels, from: number, to: number) {
  const keys: string[] = [];
  const meta: { block: Table2Block; row?: string; aliases?: string[] }[] = [];
  for (const b of lay.table2) {
    keys.push(b.caption);
    meta.push({ block: b.block });
    b.block.rows.forEach((row, i) => {
      keys.push(b.rows[i] ?? '');
      meta.push({ block: b.block, row, aliases: b.aliases[i] ?? [] });
    });
  }
  const ms = locate(ctx.v.view, keys, from, to);
  // a row not found under its name: under another name it is printed under, between its neighbours
  meta.forEach(({ block, row, aliases = [] }, i) => {
    if (!row || ms[i]) return;
    const lo = ms.slice(0, i).reduce((p, m) => (m ? m.end : p), from);
    const hi = ms.slice(i + 1).find((m) => m)?.start ?? to;
    for (const alias of aliases) {
      const at = ctx.v.view.indexOf(alias, lo);
      if (at < 0 || at + alias.length > hi) continue;
      ms[i] = { start: at, end: at + alias.length, confidence: 1 };
      ctx.findings.push(
        readFinding(
          'fuzzyLabel',
          `table2 ${block.caption} ${row}`,
          `“${ctx.v.text.slice(textAt(ctx.v, at), textAt(ctx.v, at + alias.length - 1) + 1)}”按“${row}”识别（另一种写法）；请核对原文用字。`,
        ),
      );
      break;
    }
  });
  const table2: Table2 = {};
  const printed: Table2 = {};
  let blockAt = 0;
  meta.forEach(({ block, row }, i) => {
    const m = ms[i] ?? null;
    const where = `table2 ${block.caption}${row ? ` ${row}` : ''}`;
    noteFuzzy(ctx, m, row ?? block.caption, where);
    if (!row) blockAt = i;
    const seen = ms.slice(blockAt, blockAt + 1 + block.rows.length).some((x) => x);
    if (!row) {
      if (!seen)
        ctx.findings.push(
          readFinding('missingSection', where, `表二“${block.caption}”未找到，不予读取。`),
        );
      return;
    }
    if (!m) {
      if (seen)
        ctx.findings.push(
          readFinding('missingRow', where, `表二“${block.caption}”缺少“${row}”行。`),
        );
      return;
    }
    const next = nextStart(ms, i, to);
    const kinds = block.columns.map((c) => c.kind);
    const r = readCells(between(ctx.v, m.end, next), kinds, NOISE2, anyCheck, true, {
      fillers: true,
    });
    reportRead(ctx, where, r, { table: 'table2', row });
    const cells: Record<string, Table2Value> = {};
    const asPrinted: Record<string, Table2Value> = {};
    block.columns.forEach((c, j) => {
      const tok = r.cells[j] ?? null;
      cells[c.label] = modelValue(tok, c.kind, c.unit);
      asPrinted[c.label] = c.kind === 'amount' ? tok : modelValue(tok, c.kind, c.unit);
    });
    (table2[block.caption] ??= {})[row] = cells;
    (printed[block.caption] ??= {})[row] = asPrinted;
  });
  return { table2, printed };
}
