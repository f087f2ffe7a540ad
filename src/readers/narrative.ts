/** The narrative sections as paragraphs. */
import { PAGE_NUMBER } from './cells.ts';

/** A line that ends a sentence or a paragraph. */
const LINE_END = /[。！？；：:!?;」』”）)]$/;

/**
 * Narrative text as paragraphs. A PDF's text layer breaks every paragraph at the page width (and
 * a sentence may run over a page number): a line as wide as the widest, not ending a sentence,
 * runs on into the next. Short lines (sub-headings) and web paragraphs stay as they are.
 */
export function unwrap(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => !PAGE_NUMBER.test(l) || l === '');
  const width = Math.max(0, ...lines.map(printedWidth));
  // a paragraph of a web page is one line: nothing is wrapped there
  if (width > WRAP_WIDTH_MAX) return lines.join('\n');
  let out = '';
  let open = false;
  for (const l of lines) {
    if (l === '') {
      if (!open) out += '\n';
      continue;
    }
    const join = open && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(l) ? ' ' : '';
    out += (open ? join : out === '' ? '' : '\n') + l;
    open = printedWidth(l) >= width - 3 && !LINE_END.test(l);
  }
  return out;
}
/** Width in full-width characters: digits, Latin letters and spaces print half as wide. */
function printedWidth(line: string): number {
  let w = 0;
  for (const c of line) w += /[\w ]/.test(c) ? 0.5 : 1;
  return w;
}
/** Lines of a page's width are at most this long (A4, 10.5 pt and up). */
const WRAP_WIDTH_MAX = 60;
