/**
 * Walking and rewriting a published page's parse5 tree in tests that change real pages the way
 * offices and page breaks do (reader-page-breaks, reader-cell-forms).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DefaultTreeAdapterTypes as T } from 'parse5';

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
