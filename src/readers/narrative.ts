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
  const raw = text.split('\n');
  // a paragraph of a web page is one line: nothing is wrapped there (a line of more than twice
  // the page width in characters is wider than a page even if it were all digits)
  if (raw.some((l) => l.length > 2 * WRAP_WIDTH_MAX)) return text;
  const lines = raw.map((l) => l.trim()).filter((l) => l === '' || !PAGE_NUMBER.test(l));
  const widths = lines.map(printedWidth);
  const width = Math.max(0, ...widths);
  if (width > WRAP_WIDTH_MAX) return text;
  let out = '';
  let open = false;
  lines.forEach((l, i) => {
    if (l === '') {
      if (!open) out += '\n';
      return;
    }
    const join = open && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(l) ? ' ' : '';
    out += (open ? join : out === '' ? '' : '\n') + l;
    // (a sub-heading alone on its line, （三）政府信息管理方面, is no wrapped line unless as wide
    // as the widest; one running on into its paragraph, （五）持续推进…。2020年…, is)
    const slack = SUB_HEADING.test(l) && !SENTENCE_MARK.test(l) ? 3 : WRAP_SLACK;
    open = (widths[i] ?? 0) >= width - slack && !LINE_END.test(l);
  });
  return out;
}

/**
 * Narrative text without a converter's Markdown emphasis (**镇村两级公开栏公开** as the page's bold
 * type came out of a page-to-Markdown tool): the marks are not the report's words.
 */
export function withoutEmphasis(text: string): string {
  return text.includes('**')
    ? text.replace(EMPHASIS, (all, words: string) => (HAN.test(words) ? words : all))
    : text;
}
/** `**words**`: the words are Chinese (never digits made one number: 2**3**4) */
const EMPHASIS = /\*\*(?=\S)([^\n*]*?\S)\*\*/g;
const HAN = /[\u4e00-\u9fff]/;

/** Width in full-width characters: digits, Latin letters and spaces print half as wide. */
function printedWidth(line: string): number {
  let w = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const half =
      c === 32 || c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    w += half ? 0.5 : 1;
  }
  return w;
}

/** Lines of a page's width are at most this long (A4, 10.5 pt and up). */
const WRAP_WIDTH_MAX = 60;

const SENTENCE_MARK = /[。，；,;]/;
/** A line that starts a part of the narrative: （三）…, (三)…, 三、…, 3. … */
const SUB_HEADING =
  /^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])/;

/**
 * How much narrower than the widest a wrapped line may be: a paragraph's first line is indented
 * two characters (首行缩进, lost in the text), and justified lines print their digits, spaces
 * and punctuation narrower or wider than the count of characters says.
 */
const WRAP_SLACK = 5;
