import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_CTX, seedDemo } from '../../src/app/seed-demo.ts';
import { updateAgency } from '../../src/app/update-agency.ts';
import type { Deps } from '../../src/app/deps.ts';
import { DEFAULT_AUTH_POLICY } from '../../src/domain/auth-policy.ts';
import { findAgencyByCode } from '../../src/store/agencies.ts';
import { buildServer } from '../../src/web/server.ts';
import { addUser, login, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

const YIXI = '11445102007236021F';

for (const engine of engines()) {
  describe(`public pages and their micro-cache on ${engine.name}`, () => {
    let db: TestDb;
    let deps: Deps;
    let t: TestApp;
    let clock = Date.parse('2026-12-01T02:00:00Z');
    before(async () => {
      db = await engine.create();
      deps = { store: db.store, now: () => new Date(clock), auth: DEFAULT_AUTH_POLICY };
      await seedDemo(deps);
      const app = await buildServer(deps, {
        config: {
          cookieSecure: false,
          trustProxy: false,
          logLevel: 'silent',
          publicCacheSeconds: 5,
        },
        logger: false,
      });
      const district = (await findAgencyByCode(db.store.db, '11445102007235012A'))!.id;
      t = { app, deps, agencies: { district }, close: () => app.close() };
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    const yixiInput = (phone: string) => ({
      name: '潮州市湘桥区意溪镇人民政府',
      shortName: '意溪镇政府',
      creditCode: YIXI,
      address: '广东省潮州市湘桥区意溪镇堤头',
      officeHours: '',
      phone,
      fax: '',
      email: '',
      postcode: '521031',
      website: '',
    });

    test('the portal lists every agency and each agency page shows its contact details', async () => {
      const home = await t.app.inject({ url: '/' });
      assert.equal(home.statusCode, 200);
      for (const name of ['潮州市人民政府', '潮州市湘桥区意溪镇人民政府', '潮州市湘桥区教育局'])
        assert.match(home.body, new RegExp(name));
      const page = await t.app.inject({ url: `/agencies/${YIXI}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>潮州市湘桥区意溪镇人民政府政府信息公开<\/h1>/);
      assert.match(page.body, /0768-2318000/);
      assert.equal((await t.app.inject({ url: '/agencies/11445102007236021X' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: '/agencies/<script>' })).statusCode, 404);
    });

    test('a change made elsewhere shows once the cache time has passed', async () => {
      assert.match((await t.app.inject({ url: `/agencies/${YIXI}` })).body, /0768-2318000/);
      await updateAgency(
        deps,
        SYSTEM_CTX,
        (await findAgencyByCode(db.store.db, YIXI))!.id,
        yixiInput('0768-2318111'),
      );
      assert.match(
        (await t.app.inject({ url: `/agencies/${YIXI}` })).body,
        /0768-2318000/,
        'served from memory',
      );
      clock += 6000;
      assert.match((await t.app.inject({ url: `/agencies/${YIXI}` })).body, /0768-2318111/);
    });

    test('a change made through this server shows at once', async () => {
      await addUser(t, 'xq.admin', 'agency_admin', 'district');
      const c = await login(t, 'xq.admin');
      assert.match((await t.app.inject({ url: `/agencies/${YIXI}` })).body, /0768-2318111/);
      const id = (await findAgencyByCode(db.store.db, YIXI))!.id;
      const res = await c.post(`/admin/agencies/${id}`, yixiInput('0768-2318222'));
      assert.equal(res.statusCode, 303);
      assert.match((await t.app.inject({ url: `/agencies/${YIXI}` })).body, /0768-2318222/);
    });
  });
}
