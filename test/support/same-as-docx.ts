/**
 * A real page saved in another Word format (`-doc.doc`, `-rtf.rtf`) is read exactly as the same
 * page saved as .docx: the same agency, year, template, tables and findings.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  auditPublishedReport,
  type PublishedFormat,
} from '../../src/app/audit-published-report.ts';

export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/reports',
);
export const REAL = path.join(FIXTURES, 'real');
/** The real pages laid out by LibreOffice as .docx, .doc, RTF (and PDF) */
export const WORD_PAGES = [
  '2019_pingtan-tourism',
  '2019_shanghai-office',
  '2020_pingtan-market-regulation',
  '2023_shuyang-development-reform',
  '2024_junshan-area',
];

export async function assertReadAsDocx(
  file: string,
  docxFile: string,
  format: PublishedFormat,
): Promise<void> {
  const other = await auditPublishedReport(new Uint8Array(readFileSync(file)));
  const docx = await auditPublishedReport(new Uint8Array(readFileSync(docxFile)));
  assert.equal(other.format, format);
  assert.ok(other.report && docx.report);
  assert.equal(other.report.agency.name, docx.report.agency.name);
  assert.equal(other.report.year, docx.report.year);
  assert.equal(other.report.format, docx.report.format);
  assert.deepEqual(other.printedTable2, docx.printedTable2);
  assert.deepEqual(other.report.table3, docx.report.table3);
  assert.deepEqual(other.report.table4, docx.report.table4);
  const said = (a: typeof other) => a.findings.map((f) => `${f.rule} ${f.where} ${f.message}`);
  assert.deepEqual(said(other), said(docx));
}
