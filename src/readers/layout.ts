/**
 * Text laid out by position (poppler's `pdftotext -layout`, a PDF viewer's "copy as laid out"):
 * each line of the page is one line of text, columns placed with spaces. A table's row is then
 * not one line: a label that wraps in its narrow column stands on the lines above and below its
 * row's figures, vertically centred beside them —
 *
 *     一、本年新收政府信
 *                      0     0       0        0       0   0    0
 *      息公开申请数量
 *
 * — and the merged group labels of table 三 (三、本年度办理结果, （三）不予公开) run down their own
 * columns a few characters a line, beside the rows' labels. Read as flattened text, the figures
 * interrupt the label and the label's end comes after them.
 *
 * `unlayout` gives such a text the shape the text reader reads: each line of figures (two or more
 * figures apart, or one after its label) becomes TAB-separated cells at the end of its row's last
 * label line — the lines below it that go on with its label (not starting a row, a caption or a
 * section of their own, not blank) — and pieces of table 三's group labels standing beside a
 * row's label are dropped (the rows name their group). Blank cells leave no figure, so a row with
 * blanks has fewer cells than columns and the reader says it cannot place them: positions are
 * not read. Nothing else changes; text not laid out by position (no run of figures two spaces
 * apart on five lines, or any TAB) is returned as it is.
 */
import { TABLE3_GROUP_LABELS } from './labels.ts';

/** A figure as tables print them: a count, an amount (6586650.10元), a count's unit (1个). */
const FIGURE = /^-?\d[\d,]*(?:\.\d+)?(?:万元|元|个|件|项|条)?$/;
/** A unit set apart from its amount (246900 元). */
const UNIT = /^(?:万元|元)$/;
const isSpace = (c: string | undefined) => c === ' ' || c === '\u3000' || c === '\t';
/** Two figures two spaces apart or more, and the rest of the line: a laid-out table's row. */
const LAID_OUT_ROW = /\d {2,}\d.*/g;
const LAID_OUT_MIN_LINES = 5;

/** What starts a row, a caption or a section: 1. （一） 一、 第二十条 (not a label's continuation). */
const STARTS_ANEW =
  /^(\d+[.、．]|[（(][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|第二十条)/;

/** Table 三's group labels, without whitespace: a piece of one beside a row is no row's words. */
const GROUPS = TABLE3_GROUP_LABELS.map((g) => g.replace(/\s+/g, ''));
const isGroupPiece = (s: string) => s.length >= 1 && GROUPS.some((g) => g.includes(s));

/** Whether the text is laid out by position: rows of figures two spaces apart, and no TAB. */
export function isLaidOut(text: string): boolean {
  if (text.includes('\t')) return false;
  LAID_OUT_ROW.lastIndex = 0;
  let rows = 0;
  while (LAID_OUT_ROW.exec(text)) if (++rows >= LAID_OUT_MIN_LINES) return true;
  return false;
}

interface FigureLine {
  label: string;
  figures: string[];
}

/** The line's label and figures, when it ends in figures two or more, or one after a label. */
function figureLine(line: string): FigureLine | null {
  // The figures at the line's end, read backwards token by token: linear in the line (a regular
  // expression anchored at the end, retried from every gap, took minutes on a long line).
  const tokens: { text: string; from: number }[] = [];
  let i = line.length;
  let labelEnd = 0;
  for (;;) {
    while (i > 0 && isSpace(line[i - 1])) i--;
    const to = i;
    while (i > 0 && !isSpace(line[i - 1])) i--;
    if (i === to) break;
    const text = line.slice(i, to);
    if (FIGURE.test(text) || (UNIT.test(text) && tokens.length === 0))
      tokens.push({ text, from: i });
    else {
      labelEnd = to;
      break;
    }
  }
  tokens.reverse();
  // a unit set apart belongs to the amount before it (246900 元)
  const figures = tokens.map((t) => t.text);
  if (UNIT.test(figures.at(-1) ?? '')) {
    const unit = figures.pop() ?? '';
    if (figures.length === 0 || !/\d$/.test(figures.at(-1) ?? '')) return null;
    figures[figures.length - 1] += unit;
  }
  if (figures.length === 0) return null;
  const label = line.slice(0, labelEnd);
  if (label.trim() === '') return figures.length >= 2 ? { label: '', figures } : null;
  // after two spaces or more; or, two figures or more, one space after a label's last character
  // (4.保护第三方合法权益 0   0)
  const gap = (tokens[0]?.from ?? 0) - labelEnd;
  const wide = label.charCodeAt(label.length - 1) > 0x7f;
  return gap >= 2 || (gap === 1 && wide && figures.length >= 2) ? { label, figures } : null;
}

/**
 * A line of table 三 without the pieces of group labels beside a row's label: the segments (two
 * spaces or more apart) before the last that are pieces of a group label (（三   1.属于国家 →
 * 1.属于国家), and a line that is only such a piece, of two characters or more (本年, ）不; a single
 * character may as well end a row's label: 禁止公 / 开).
 */
function withoutGroupPieces(line: string): string {
  const segments = line.trim().split(/\s{2,}/);
  while (segments.length > 1 && isGroupPiece(segments[0] ?? '')) segments.shift();
  const only = segments.length === 1 ? (segments[0] ?? '') : '';
  // (a row that is also a group in the other format, （六）其他处理, starts a row: it stays)
  return only.length >= 2 && isGroupPiece(only) && !STARTS_ANEW.test(only)
    ? ''
    : segments.join(' ');
}

/** The lines of table 三: from its section's heading to the next section's. */
function table3Lines(lines: readonly string[]): [from: number, to: number] {
  const from = lines.findIndex((l) => /三、\s*收到和处理/.test(l));
  if (from < 0) return [0, 0];
  const to = lines.findIndex((l, i) => i > from && /^\s*四、/.test(l) && /复议|诉讼/.test(l));
  return [from, to < 0 ? lines.length : to];
}

export function unlayout(text: string): string {
  if (!isLaidOut(text)) return text;
  const lines = text.split('\n');
  const [t3from, t3to] = table3Lines(lines);
  const inTable3 = (i: number) => i > t3from && i < t3to;
  const clean = (line: string, i: number) => (inTable3(i) ? withoutGroupPieces(line) : line.trim());
  const parsed = lines.map(figureLine);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const row = parsed[i];
    if (!row) {
      const line = lines[i] ?? '';
      // (a piece of a group label alone on its line is dropped)
      if (!inTable3(i) || line.trim() === '') out.push(line);
      else if (clean(line, i) !== '') out.push(clean(line, i));
      continue;
    }
    // the label's lines below the figures, up to a blank line, figures, a line of its own, or a
    // line just above figures without a label of their own: that is their row's label (行政许可
    // 37 0 5 / 其他对外管理服务事 / 109 0 24 / 项, with no blank line between the rows)
    const unlabelled = (k: number) => {
      const below = parsed[k];
      return below !== null && below !== undefined && clean(below.label, k) === '';
    };
    let last = i;
    while (last + 1 < lines.length) {
      const next = lines[last + 1] ?? '';
      const words = clean(next, last + 1);
      if (next.trim() === '' || parsed[last + 1] || words === '' || STARTS_ANEW.test(words)) break;
      if (unlabelled(last + 2)) break;
      last++;
    }
    const label = [row.label, ...lines.slice(i + 1, last + 1)]
      .map((l, k) => clean(l, i + k))
      .filter((l) => l !== '');
    const cells = row.figures.join('\t');
    const above = out.length - 1;
    if (label.length > 0) {
      const end = label.length - 1;
      label[end] = `${label[end]}\t${cells}`;
      out.push(...label);
    } else if (above >= 0 && (out[above] ?? '').trim() !== '' && !(out[above] ?? '').includes('\t'))
      // figures beside the end of a label above them (1.本机关不掌 / 握相关政府信 / 息 / figures)
      out[above] = `${(out[above] ?? '').trimEnd()}\t${cells}`;
    else out.push(`\t${cells}`);
    i = last;
  }
  return out.join('\n');
}
