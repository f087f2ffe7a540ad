import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_REPORT_CHECK, loadConfig } from '../../src/config.ts';

test('config: the public report check limits, by default and from the environment', () => {
  assert.deepEqual(loadConfig({}).reportCheck, DEFAULT_REPORT_CHECK);
  assert.deepEqual(
    loadConfig({ REPORT_CHECK_PER_CLIENT: '100', REPORT_CHECK_IN_FLIGHT: '2' }).reportCheck,
    { perClient: 100, windowMinutes: 10, inFlight: 2 },
  );
  assert.throws(
    () => loadConfig({ REPORT_CHECK_IN_FLIGHT: '0' }),
    /环境变量 REPORT_CHECK_IN_FLIGHT=0 无效：应为 1–1000 之间的整数。/,
  );
  assert.throws(() => loadConfig({ REPORT_CHECK_PER_CLIENT: '3.5' }), /REPORT_CHECK_PER_CLIENT/);
});
