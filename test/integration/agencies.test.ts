import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AgencyCreateInput } from '../../src/app/agency-input.ts';
import { createAgency } from '../../src/app/create-agency.ts';
import { getAgency, listVisibleAgencies } from '../../src/app/get-agency.ts';
import { updateAgency } from '../../src/app/update-agency.ts';
import { SYSTEM_CTX } from '../../src/app/seed-demo.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import { addUser, startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

const base: AgencyCreateInput = {
  name: '潮州市湘桥区城西街道办事处',
  shortName: '城西街道',
  kind: 'government',
  level: null,
  creditCode: '11445102007239075N',
  parentId: null,
  address: '',
  officeHours: '',
  phone: '',
  fax: '',
  email: '',
  postcode: '',
  website: '',
};

async function auditCount(t: TestApp) {
  const r = await t.deps.store.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

for (const engine of engines()) {
  describe(`agencies on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    before(async () => {
      db = await engine.create();
      t = await startApp(db);
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    test('the demo hierarchy is seeded once, with levels derived from parents', async () => {
      const all = await listAgencies(t.deps.store.db, 'all');
      assert.equal(all.length, 6);
      const yixi = all.find((a) => a.id === t.agencies.yixi)!;
      assert.equal(yixi.level, 'township');
      assert.equal(all.find((a) => a.id === t.agencies.office)!.level, 'county');
    });

    test('an agency administrator adds a township under its district; the change is audited', async () => {
      const admin = await addUser(t, 'xq.admin', 'agency_admin', 'district');
      const ctx = {
        actor: {
          userId: admin.id,
          username: admin.username,
          role: admin.role,
          agencyId: admin.agencyId,
        },
        ip: '10.0.0.1',
      };
      const n = await auditCount(t);
      const created = await createAgency(t.deps, ctx, { ...base, parentId: t.agencies.district! });
      assert.equal(created.level, 'township');
      assert.equal(await auditCount(t), n + 1);
      const entry = await t.deps.store.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      assert.equal(entry.action, 'agency.create');
      assert.equal(entry.actor_name, 'xq.admin');
      assert.equal(entry.ip, '10.0.0.1');
      assert.equal(JSON.parse(entry.after_json!).name, base.name);
    });

    test('a duplicate name or credit code is refused naming the field, nothing written', async () => {
      const n = await auditCount(t);
      const before = (await listAgencies(t.deps.store.db, 'all')).length;
      await assert.rejects(
        createAgency(t.deps, SYSTEM_CTX, {
          ...base,
          creditCode: '11445102007240016A',
          parentId: t.agencies.district!,
        }),
        (e: DomainError) => e.kind === 'conflict' && e.issues[0]?.field === 'name',
      );
      await assert.rejects(
        createAgency(t.deps, SYSTEM_CTX, {
          ...base,
          name: '另一个机关',
          parentId: t.agencies.district!,
        }),
        (e: DomainError) => e.kind === 'conflict' && e.issues[0]?.field === 'creditCode',
      );
      assert.equal((await listAgencies(t.deps.store.db, 'all')).length, before);
      assert.equal(await auditCount(t), n);
    });

    test('an agency administrator cannot place an agency outside its tree', async () => {
      const admin = await addUser(t, 'yixi.admin', 'agency_admin', 'yixi');
      const ctx = {
        actor: {
          userId: admin.id,
          username: admin.username,
          role: admin.role,
          agencyId: admin.agencyId,
        },
        ip: '1',
      };
      await assert.rejects(
        createAgency(t.deps, ctx, {
          ...base,
          name: '外部部门',
          creditCode: '11445102007240016A',
          kind: 'department',
          parentId: t.agencies.lingxi!,
        }),
        (e: DomainError) => e.kind === 'invalid' && e.issues[0]?.field === 'parentId',
      );
      await assert.rejects(
        updateAgency(t.deps, ctx, t.agencies.lingxi!, { ...base }),
        (e: DomainError) => e.kind === 'not_found',
      );
    });

    test('a township officer sees only its township', async () => {
      const officer = await addUser(t, 'yixi.officer', 'officer', 'yixi');
      const ctx = {
        actor: {
          userId: officer.id,
          username: officer.username,
          role: officer.role,
          agencyId: officer.agencyId,
        },
        ip: '1',
      };
      const visible = await listVisibleAgencies(t.deps, ctx);
      assert.deepEqual(
        visible.map((a) => a.id),
        [t.agencies.yixi],
      );
      await assert.rejects(
        getAgency(t.deps, ctx, t.agencies.lingxi!),
        (e: DomainError) => e.kind === 'not_found',
      );
    });

    test('updating an agency records before and after', async () => {
      const updated = await updateAgency(t.deps, SYSTEM_CTX, t.agencies.yixi!, {
        name: '潮州市湘桥区意溪镇人民政府',
        shortName: '意溪镇',
        creditCode: '11445102007236021F',
        address: '意溪镇堤头路 1 号',
        officeHours: '',
        phone: '0768-2318000',
        fax: '',
        email: 'yixi@example.gov.cn',
        postcode: '521031',
        website: '',
      });
      assert.equal(updated.shortName, '意溪镇');
      const entry = await t.deps.store.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      assert.equal(entry.action, 'agency.update');
      assert.equal(JSON.parse(entry.before_json!).shortName, '意溪镇政府');
      assert.equal(JSON.parse(entry.after_json!).shortName, '意溪镇');
    });
  });
}
