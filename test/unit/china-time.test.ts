import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chinaDayStart, formatChinaTime } from '../../src/domain/china-time.ts';

test('China time: instants are shown in Beijing time (UTC+8)', () => {
  assert.equal(formatChinaTime('2026-12-31T16:30:00.000Z'), '2027-01-01 00:30:00');
});

test('China time: a civil date starts at 16:00 UTC the day before; invalid dates are null', () => {
  assert.equal(chinaDayStart('2027-01-01'), '2026-12-31T16:00:00.000Z');
  assert.equal(chinaDayStart('2025-13-45'), null);
  assert.equal(chinaDayStart('2025-02-30'), null);
  assert.equal(chinaDayStart('yesterday'), null);
});
