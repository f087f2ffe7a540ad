import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatePassword } from '../../src/app/passwords.ts';
import { passwordProblem } from '../../src/domain/password-policy.ts';

test('password policy: length, three character classes, not the user name, not common', () => {
  assert.match(passwordProblem('Ab1!', 'u') ?? '', /至少 10 位/);
  assert.match(passwordProblem('abcdefghijkl', 'u') ?? '', /三类/);
  assert.match(passwordProblem('Zhangsan-2026', 'zhangsan') ?? '', /用户名/);
  assert.match(passwordProblem('Password123', 'u') ?? '', /常见/);
  assert.match(passwordProblem('Good-Pass\u0007-2026', 'u') ?? '', /控制字符/);
  assert.equal(passwordProblem('Xiangqiao-2026', 'officer1'), null);
});

test('generated one-time passwords satisfy the policy and differ', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const p = generatePassword();
    assert.equal(passwordProblem(p, 'admin'), null, p);
    seen.add(p);
  }
  assert.equal(seen.size, 200);
});
