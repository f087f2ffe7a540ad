/**
 * Walking and rewriting a published page's parse5 tree in tests that change real pages the way
 * offices and page breaks do (reader-page-breaks, reader-cell-forms).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import {
  defaultTreeAdapter as dom,
  parse,
  serialize,
  type DefaultTreeAdapterTypes as T,
} from 'parse5';

/** The real published reports (test/fixtures/reports/real) and its web pages. */
export const REAL = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/reports/real',
);
export const REAL_PAGES: readonly string[] = readdirSync(REAL).filter((f) => f.endsWith('.html'));

export type Element = T.Element;

/** The elements below `n` whose tag is one of `tags`, in document order. */
export function elements(n: T.ParentNode, tags: readonly string[], out: Element[] = []): Element[] {
  for (const c of n.childNodes)
    if ('tagName' in c) {
      if (tags.includes(c.tagName)) out.push(c);
      elements(c, tags, out);
    }
  return out;
}

/** The text of a node and everything below it. */
export const textOf = (n: T.Node): string =>
  n.nodeName === '#text'
    ? (n as T.TextNode).value
    : 'childNodes' in n
      ? n.childNodes.map(textOf).join('')
      : '';

/** A row's cells, th and td alike. */
export const cellsOf = (tr: Element): Element[] =>
  tr.childNodes.filter(
    (c): c is Element => 'tagName' in c && (c.tagName === 'td' || c.tagName === 'th'),
  );

const spanOf = (cell: Element, name: string) =>
  Number(cell.attrs.find((a) => a.name === name)?.value ?? 1) || 1;
export const rowspan = (cell: Element): number => spanOf(cell, 'rowspan');
export const colspan = (cell: Element): number => spanOf(cell, 'colspan');

/** The words that tell each report table. */
const TABLE_WORDS = {
  table2: /信息内容/,
  table3: /申请人情况/,
  table4: /行政复议.*行政诉讼|结果维持/,
};
export type TableId = keyof typeof TABLE_WORDS;

/** The page inside a portal's chrome, its report tables in `which` replaced by pictures. */
export function withPictures(html: string, which: readonly TableId[]): string {
  const doc = parse(html);
  for (const t of elements(doc, ['table'])) {
    if (elements(t, ['table']).length > 0) continue;
    const text = textOf(t).replace(/\s+/g, '');
    const id = (Object.keys(TABLE_WORDS) as TableId[]).find((k) => TABLE_WORDS[k].test(text));
    if (!id || !which.includes(id) || !t.parentNode) continue;
    const img = dom.createElement('img', t.namespaceURI, [
      { name: 'src', value: `/upload/${id}.png` },
      { name: 'width', value: '600' },
    ]);
    dom.insertBefore(t.parentNode, img, t);
    dom.detachNode(t);
  }
  const body = elements(doc, ['body'])[0];
  assert.ok(body);
  const article = serialize(body);
  return (
    '<!doctype html><html><head><meta charset="utf-8"><title>政府信息公开</title></head><body>' +
    '<header><img src="/logo.png"><nav><a href="/">网站首页</a><a href="/zwgk">政务公开</a></nav></header>' +
    `<div class="main"><div class="crumb">当前位置：首页 &gt; 政府信息公开年报</div>${article}` +
    // the agency's seal under the date: in section 六's place
    '<p><img src="/upload/seal.png" width="160"></p></div>' +
    '<footer><img src="/badge.png">版权所有 主办单位</footer></body></html>'
  );
}
