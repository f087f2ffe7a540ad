import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDecimals, isDecimal } from '../../src/domain/report/decimal.ts';

test('money is summed exactly, never as floats', () => {
  assert.equal(addDecimals(['0.1', '0.2']), '0.3');
  assert.equal(addDecimals(['24252.311082', '96171.6', '7730.28']), '128154.191082');
  assert.equal(addDecimals(['5', '-7.25']), '-2.25');
  assert.equal(addDecimals([]), '0');
  assert.equal(isDecimal('1.2345678'), false);
  assert.throws(() => addDecimals(['1e3']), RangeError);
});
