import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgencyNode } from '../../src/domain/agency.ts';
import {
  canManage,
  canRead,
  grantableRoles,
  roleAgencyProblem,
  scopeOf,
  type Actor,
} from '../../src/domain/roles.ts';

const nodes: AgencyNode[] = [
  { id: 1, parentId: null, kind: 'government', level: 'city' },
  { id: 2, parentId: 1, kind: 'government', level: 'county' },
  { id: 3, parentId: 2, kind: 'office', level: 'county' },
  { id: 4, parentId: 2, kind: 'government', level: 'township' },
  { id: 5, parentId: 2, kind: 'government', level: 'township' },
  { id: 6, parentId: 1, kind: 'government', level: 'county' },
];
const actor = (role: Actor['role'], agencyId: number | null): Actor => ({
  userId: 9,
  username: 'u',
  role,
  agencyId,
});

test('a township officer reads only its own township and manages nothing', () => {
  const s = scopeOf(actor('officer', 4), nodes);
  assert.equal(canRead(s, 4), true);
  assert.equal(canRead(s, 5), false);
  assert.equal(canRead(s, 2), false);
  assert.equal(canManage(s, 4), false);
});

test('an agency administrator manages its agency and the agencies below it', () => {
  const s = scopeOf(actor('agency_admin', 2), nodes);
  for (const id of [2, 3, 4, 5]) assert.equal(canManage(s, id), true);
  assert.equal(canRead(s, 1), false);
  assert.equal(canRead(s, 6), false);
});

test('a supervisor of the 政务公开办 reads its government’s whole subtree, changes nothing', () => {
  const s = scopeOf(actor('supervisor', 3), nodes);
  for (const id of [2, 3, 4, 5]) assert.equal(canRead(s, id), true);
  assert.equal(canRead(s, 6), false);
  assert.equal(canManage(s, 4), false);
});

test('an auditor reads its own agency and its audit trail only', () => {
  const s = scopeOf(actor('auditor', 4), nodes);
  assert.equal(s.audit, true);
  assert.equal(canRead(s, 5), false);
});

test('a user whose agency is gone sees nothing', () => {
  const s = scopeOf(actor('agency_admin', 99), nodes);
  assert.equal(canRead(s, 1), false);
});

test('only a supervising office has supervisors', () => {
  assert.equal(roleAgencyProblem('supervisor', 'office'), null);
  assert.match(roleAgencyProblem('supervisor', 'government') ?? '', /政务公开办/);
  assert.equal(roleAgencyProblem('officer', 'government'), null);
});

test('no one grants a role above their own', () => {
  assert.equal(grantableRoles(actor('agency_admin', 2)).includes('platform_admin'), false);
  assert.deepEqual(grantableRoles(actor('officer', 4)), []);
  assert.equal(grantableRoles(actor('platform_admin', null)).includes('platform_admin'), true);
});
