import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  auditHash,
  GENESIS_HASH,
  verifyChain,
  type AuditContent,
} from '../../src/domain/audit-chain.ts';

function chain(n: number) {
  const out: (AuditContent & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const c: AuditContent = {
      seq,
      at: `2026-01-0${seq}T00:00:00.000Z`,
      actorUserId: 1,
      actorName: 'admin',
      agencyId: 2,
      action: 'agency.update',
      entityType: 'agency',
      entityId: '2',
      before: '{"name":"甲"}',
      after: '{"name":"乙"}',
      ip: '127.0.0.1',
    };
    const hash = auditHash(prev, c);
    out.push({ ...c, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

test('audit chain: an untouched chain verifies', () => {
  const c = chain(5);
  assert.deepEqual(verifyChain(c), { ok: true, count: 5, head: { seq: 5, hash: c[4]!.hash } });
});

test('audit chain: an edited entry is named', () => {
  const c = chain(5);
  c[2] = { ...c[2]!, after: '{"name":"丙"}' };
  const r = verifyChain(c);
  assert.ok(!r.ok && r.brokenSeq === 3);
});

test('audit chain: a deleted entry is named by the one after it', () => {
  const c = chain(5);
  c.splice(1, 1);
  const r = verifyChain(c);
  assert.ok(!r.ok && r.brokenSeq === 3);
});

test('audit chain: a re-hashed edit still breaks at the next entry', () => {
  const c = chain(4);
  const edited = { ...c[1]!, actorName: 'mallory' };
  edited.hash = auditHash(edited.prevHash, edited);
  c[1] = edited;
  const r = verifyChain(c);
  assert.ok(!r.ok && r.brokenSeq === 3);
});
