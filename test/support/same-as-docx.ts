/**
 * Comparing readings: a real page saved in another format (`-doc.doc`, `-rtf.rtf`) is read
 * exactly as the same page saved as .docx — the same agency, year, template, tables and findings;
 * and damaged files are read or refused, never crash.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  auditPublishedReport,
  type PublishedAudit,
  type PublishedFormat,
} from '../../src/app/audit-published-report.ts';
import { DomainError } from '../../src/domain/errors.ts';

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

/** What a reading gives, apart from the file's format: to compare two files of one report. */
export const reading = (a: PublishedAudit, keep: (rule: string) => boolean = () => true) => ({
  agency: a.report?.agency.name,
  year: a.report?.year,
  template: a.report?.format,
  table2: a.printedTable2,
  table3: a.report?.table3,
  table4: a.report?.table4,
  findings: a.findings.filter((f) => keep(f.rule)).map((f) => `${f.rule} ${f.where} ${f.message}`),
});

/**
 * `count` damaged files made by `make` (given its index and a seeded random number source), each
 * audited: a report read, or refused with a Chinese message (a DomainError) — never a crash.
 */
export async function readOrRefused(
  count: number,
  seed: number,
  make: (i: number, random: () => number) => Uint8Array,
): Promise<{ read: number; refused: number }> {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const outcomes = { read: 0, refused: 0 };
  for (let i = 0; i < count; i++) {
    try {
      await auditPublishedReport(make(i, random));
      outcomes.read++;
    } catch (e) {
      assert.ok(e instanceof DomainError, `damaged file ${i}: ${(e as Error).stack}`);
      assert.match(e.message, /[\u4e00-\u9fff]/, 'a message in Chinese');
      outcomes.refused++;
    }
  }
  return outcomes;
}

export async function assertReadAsDocx(
  file: string,
  docxFile: string,
  format: PublishedFormat,
): Promise<void> {
  const other = await auditPublishedReport(new Uint8Array(readFileSync(file)));
  const docx = await auditPublishedReport(new Uint8Array(readFileSync(docxFile)));
  assert.equal(other.format, format);
  assert.ok(other.report && docx.report);
  assert.deepEqual(reading(other), reading(docx));
}
