import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCreditCode, creditCodeCheckChar } from '../../src/domain/credit-code.ts';

test('GB 32100: the standard example 91350100M000100Y43 is valid', () => {
  assert.deepEqual(checkCreditCode('91350100M000100Y43'), { ok: true, code: '91350100M000100Y43' });
});

test('GB 32100: check character is 31 − (Σ Ci·Wi mod 31), 31 written as 0', () => {
  assert.equal(creditCodeCheckChar('91350100M000100Y4'), '3');
  for (const code of ['11445100007234501E', '11445102007236021F', '11445102MB2C87643P']) {
    assert.equal(creditCodeCheckChar(code.slice(0, 17)), code[17]);
  }
});

test('GB 32100: a wrong check character is refused and the expected one named', () => {
  const r = checkCreditCode('91350100M000100Y44');
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.reason === 'check' && r.message.includes('“3”'));
});

test('GB 32100: every single-character substitution is detected', () => {
  const good = '11445102007236021F';
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  for (let i = 8; i < 17; i++) {
    for (const ch of alphabet) {
      if (ch === good[i]) continue;
      const bad = good.slice(0, i) + ch + good.slice(i + 1);
      assert.equal(checkCreditCode(bad).ok, false, bad);
    }
  }
});

test('GB 32100: length, alphabet (no I O S V Z) and division code are checked', () => {
  assert.equal(checkCreditCode('1144510200723602').ok, false);
  const r = checkCreditCode('11445102007236O21F');
  assert.ok(!r.ok && r.reason === 'alphabet' && r.message.includes('第 15 位'));
  assert.ok(!checkCreditCode('11A45102007236021F').ok);
});

test('GB 32100: lower case, spaces and full-width characters are normalised', () => {
  assert.deepEqual(checkCreditCode(' 11445102mb2c87643p '), {
    ok: true,
    code: '11445102MB2C87643P',
  });
  assert.deepEqual(checkCreditCode('１１４４５１０２ＭＢ２Ｃ８７６４３Ｐ'), {
    ok: true,
    code: '11445102MB2C87643P',
  });
});
