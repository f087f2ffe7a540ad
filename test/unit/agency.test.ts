import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  placeAgency,
  subtreeIds,
  wouldCreateCycle,
  type AgencyNode,
} from '../../src/domain/agency.ts';

test('hierarchy: a government under a city is a county; under a township there is none', () => {
  assert.deepEqual(placeAgency('government', null, { kind: 'government', level: 'city' }), {
    ok: true,
    level: 'county',
  });
  const r = placeAgency('government', null, { kind: 'government', level: 'township' });
  assert.equal(r.ok, false);
});

test('hierarchy: a requested level that contradicts the parent is refused', () => {
  const r = placeAgency('government', 'township', { kind: 'government', level: 'city' });
  assert.ok(!r.ok && r.message.includes('县（区）级'));
});

test('hierarchy: departments and offices carry their government’s level and need one', () => {
  assert.deepEqual(placeAgency('department', null, { kind: 'government', level: 'county' }), {
    ok: true,
    level: 'county',
  });
  assert.equal(placeAgency('office', null, null).ok, false);
  assert.equal(placeAgency('department', null, { kind: 'department', level: 'county' }).ok, false);
});

test('hierarchy: a top-level government needs a level', () => {
  assert.equal(placeAgency('government', null, null).ok, false);
  assert.deepEqual(placeAgency('government', 'province', null), { ok: true, level: 'province' });
});

const nodes: AgencyNode[] = [
  { id: 1, parentId: null, kind: 'government', level: 'city' },
  { id: 2, parentId: 1, kind: 'government', level: 'county' },
  { id: 3, parentId: 2, kind: 'government', level: 'township' },
  { id: 4, parentId: 2, kind: 'office', level: 'county' },
  { id: 5, parentId: 1, kind: 'government', level: 'county' },
];

test('subtree: an agency and everything below it', () => {
  assert.deepEqual([...subtreeIds(nodes, 2)].sort(), [2, 3, 4]);
  assert.deepEqual([...subtreeIds(nodes, 3)], [3]);
});

test('cycle: an agency cannot be placed under its own descendant', () => {
  assert.equal(wouldCreateCycle(nodes, 2, 3), true);
  assert.equal(wouldCreateCycle(nodes, 3, 5), false);
});
