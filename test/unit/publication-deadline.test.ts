import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  publicationDeadline,
  statutoryDeadline,
} from '../../src/domain/report/publication-deadline.ts';

test('第四十九条: departments by 31 January, governments by 31 March of the next year', () => {
  assert.equal(statutoryDeadline('department', 'county').monthDay, '01-31');
  assert.equal(statutoryDeadline('department', 'city').monthDay, '01-31');
  assert.equal(statutoryDeadline('government', 'county').monthDay, '03-31');
  assert.equal(statutoryDeadline('office', 'city').monthDay, '03-31');
  assert.match(statutoryDeadline('department', 'province').basis, /第四十九条/);
  assert.deepEqual(
    publicationDeadline({ kind: 'department', level: 'county', reportDeadline: null }, 2023).date,
    '2024-01-31',
  );
});

test('townships: not named by the 条例; a default, and the agency’s own deadline when set', () => {
  const t = publicationDeadline(
    { kind: 'government', level: 'township', reportDeadline: null },
    2021,
  );
  assert.equal(t.date, '2022-03-31');
  assert.match(t.basis, /未规定乡镇/);
  const own = publicationDeadline(
    { kind: 'government', level: 'township', reportDeadline: '02-20' },
    2021,
  );
  assert.equal(own.date, '2022-02-20');
  assert.match(own.basis, /2月20日前/);
  // a malformed setting falls back to the default rather than producing an impossible date
  assert.equal(
    publicationDeadline({ kind: 'government', level: 'township', reportDeadline: '13-40' }, 2021)
      .date,
    '2022-03-31',
  );
});
