/**
 * Walks every admin route with every role and the ids of agencies and users outside the
 * actor's scope: no response may contain the foreign agency's data, and nothing foreign changes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAgency } from '../../src/app/create-agency.ts';
import { SYSTEM_CTX } from '../../src/app/seed-demo.ts';
import type { Role } from '../../src/domain/roles.ts';
import { addUser, login, startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

const MARK = '潮安区机密联系地址Z9';
const FOREIGN_NAME = '潮州市潮安区人民政府';
const FOREIGN_USER = 'chaoan.secret';

for (const engine of engines()) {
  describe(`authorization walk on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    let foreignAgency: number;
    let foreignUser: number;
    const base = {
      kind: 'government' as const,
      level: null,
      officeHours: '',
      phone: '',
      fax: '',
      email: '',
      postcode: '',
      website: '',
    };

    before(async () => {
      db = await engine.create();
      t = await startApp(db);
      const chaoan = await createAgency(t.deps, SYSTEM_CTX, {
        ...base,
        name: FOREIGN_NAME,
        shortName: '潮安区政府',
        creditCode: '11445103007241013N',
        parentId: t.agencies.city!,
        address: MARK,
      });
      foreignAgency = chaoan.id;
      foreignUser = (
        await addUser(
          { ...t, agencies: { ...t.agencies, chaoan: chaoan.id } },
          FOREIGN_USER,
          'agency_admin',
          'chaoan',
        )
      ).id;
      // activity in the foreign agency so that its audit trail has entries
      const c = await login(t, FOREIGN_USER);
      await c.post(`/admin/agencies/${foreignAgency}`, {
        name: FOREIGN_NAME,
        shortName: '潮安区政府',
        creditCode: '11445103007241013N',
        address: MARK,
      });
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    const actors: [string, Role, string, boolean][] = [
      // username, role, agency key, may the actor read 磷溪镇 (a sibling township)?
      ['w.yixi.officer', 'officer', 'yixi', false],
      ['w.yixi.approver', 'approver', 'yixi', false],
      ['w.yixi.auditor', 'auditor', 'yixi', false],
      ['w.yixi.admin', 'agency_admin', 'yixi', false],
      ['w.xq.supervisor', 'supervisor', 'office', true],
      ['w.xq.admin', 'agency_admin', 'district', true],
      ['w.edu.officer', 'officer', 'education', false],
    ];

    test('the route table lists the admin routes this walk covers', () => {
      const admin = t.app.routeTable.filter(
        (r) => r.url.startsWith('/admin') && r.method !== 'HEAD',
      );
      assert.ok(admin.length >= 12, `found ${admin.length} admin routes`);
    });

    for (const [username, role, agencyKey, readsSibling] of actors) {
      test(`${role} of ${agencyKey}: no foreign data on any admin route`, async () => {
        await addUser(t, username, role, agencyKey);
        const c = await login(t, username);
        const lingxiUser = await addUser(
          t,
          `${username}.peer`.replace('w.', 'p.'),
          'officer',
          'lingxi',
        );
        const foreign: [number, number, string[]][] = [
          [foreignAgency, foreignUser, [FOREIGN_NAME, MARK, FOREIGN_USER]],
        ];
        if (!readsSibling)
          foreign.push([t.agencies.lingxi!, lingxiUser.id, ['磷溪镇', lingxiUser.username]]);
        const routes = t.app.routeTable.filter(
          (r) => r.url.startsWith('/admin') && r.method !== 'HEAD',
        );
        const before = await snapshot();
        for (const [agencyId, userId, secrets] of foreign) {
          for (const r of routes) {
            const id = r.url.startsWith('/admin/users') ? userId : agencyId;
            const url = r.url.replace(':id', String(id));
            const res =
              r.method === 'GET'
                ? await c.get(url)
                : await c.post(url, {
                    name: '入侵机关名称',
                    shortName: 'x',
                    creditCode: '11445103007241013N',
                    kind: 'department',
                    parentId: String(agencyId),
                    agencyId: String(agencyId),
                    username: 'intruder',
                    displayName: '入侵者',
                    role: 'agency_admin',
                    disabled: '1',
                    address: 'changed',
                  });
            assert.ok(res.statusCode < 500, `${r.method} ${url} → ${res.statusCode}`);
            for (const s of secrets) {
              assert.ok(
                !res.body.includes(s),
                `${role}: ${r.method} ${url} (${res.statusCode}) shows “${s}”`,
              );
            }
          }
        }
        assert.deepEqual(await snapshot(), before, 'nothing outside the actor’s scope changed');
        const intruder = await t.deps.store.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'intruder')
          .executeTakeFirst();
        assert.equal(intruder, undefined, 'no account was created in a foreign agency');
      });
    }

    async function snapshot() {
      const agencies = await t.deps.store.db
        .selectFrom('agencies')
        .selectAll()
        .where('id', 'in', [foreignAgency, t.agencies.lingxi!])
        .orderBy('id')
        .execute();
      const users = await t.deps.store.db
        .selectFrom('users')
        .select(['id', 'username', 'role', 'disabled', 'password_hash', 'display_name'])
        .where('agency_id', 'in', [foreignAgency, t.agencies.lingxi!])
        .orderBy('id')
        .execute();
      return { agencies, users: users.filter((u) => !u.username.startsWith('p.')) };
    }
  });
}
