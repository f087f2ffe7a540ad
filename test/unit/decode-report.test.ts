// decodeReport: the text of a published .txt or web page, decoded as TextDecoder decodes it (UTF-8
// through ICU's converter, which is faster for Chinese text, must give the very same string).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeReport } from '../../src/app/audit-published-report.ts';

const FIX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reports');
const texts = [FIX, path.join(FIX, 'real')].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.(txt|html)$/.test(f))
    .map((f) => path.join(dir, f)),
);

test('decodeReport: every text and page fixture decodes as TextDecoder decodes it', () => {
  assert.ok(texts.length >= 10);
  for (const file of texts) {
    const bytes = new Uint8Array(readFileSync(file));
    assert.equal(
      decodeReport(bytes),
      new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      file,
    );
  }
});

test('decodeReport: characters beyond the BMP, a BOM, UTF-16, GBK; undecodable bytes are refused', () => {
  const s = 'ａｂ 中文 😀 é\r\n';
  assert.equal(decodeReport(new TextEncoder().encode(s)), s);
  assert.equal(decodeReport(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)])), s);
  const utf16 = Buffer.from(`\ufeff${s}`, 'utf16le');
  assert.equal(decodeReport(new Uint8Array(utf16)), s);
  // 年度报告 in GBK (not UTF-8)
  assert.equal(
    decodeReport(Uint8Array.of(0xc4, 0xea, 0xb6, 0xc8, 0xb1, 0xa8, 0xb8, 0xe6)),
    '年度报告',
  );
  // an encoded surrogate is not UTF-8 (as TextDecoder's fatal mode has it); 0xff is not GB18030
  assert.throws(
    () => decodeReport(Uint8Array.of(0xed, 0xa0, 0x80, 0xff)),
    /无法识别文件的文字编码/,
  );
  assert.equal(decodeReport(new Uint8Array(0)), '');
});
