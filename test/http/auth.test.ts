import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bootstrapPlatformAdmin } from '../../src/app/bootstrap-platform-admin.ts';
import {
  addUser,
  cookieHeader,
  cookiesOf,
  hiddenCsrf,
  login,
  PASSWORD,
  startApp,
  type TestApp,
} from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

for (const engine of engines()) {
  describe(`login, sessions and CSRF on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    let clock = Date.parse('2026-12-01T02:00:00Z');
    before(async () => {
      db = await engine.create();
      t = await startApp(db, () => new Date(clock));
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    async function tryLogin(username: string, password: string, ip = '127.0.0.1') {
      const form = await t.app.inject({ method: 'GET', url: '/login', remoteAddress: ip });
      return t.app.inject({
        method: 'POST',
        url: '/login',
        remoteAddress: ip,
        headers: {
          cookie: cookieHeader(cookiesOf(form)),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({
          username,
          password,
          _csrf: hiddenCsrf(form.body),
        }).toString(),
      });
    }

    const lastAudit = () =>
      t.deps.store.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();

    test('first start creates the platform administrator once, with a one-time password to change', async () => {
      const first = await bootstrapPlatformAdmin(t.deps);
      assert.ok(first && first.password.length >= 16);
      assert.equal(await bootstrapPlatformAdmin(t.deps), null);
      const res = await tryLogin('admin', first.password);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/password');
      const jar = cookiesOf(res);
      const home = await t.app.inject({
        url: '/admin/agencies',
        headers: { cookie: cookieHeader(jar) },
      });
      assert.equal(
        home.statusCode,
        303,
        'every admin page redirects until the password is changed',
      );
      assert.equal(home.headers.location, '/admin/password');
    });

    test('admin pages need a login', async () => {
      const res = await t.app.inject({ url: '/admin/users' });
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/login\?next=/);
    });

    test('wrong password: one Chinese message for unknown user and wrong password, both audited', async () => {
      await addUser(t, 'yixi.officer', 'officer', 'yixi');
      const a = await tryLogin('yixi.officer', 'wrong-password', '10.1.1.1');
      const b = await tryLogin('nobody', 'wrong-password', '10.1.1.1');
      assert.equal(a.statusCode, 401);
      assert.equal(b.statusCode, 401);
      assert.match(a.body, /用户名或密码错误/);
      assert.match(b.body, /用户名或密码错误/);
      assert.equal((await lastAudit()).action, 'login.failure');
    });

    test('the session id rotates on login and the old session ends', async () => {
      const c1 = await login(t, 'yixi.officer');
      const old = c1.jar.gk_session!;
      assert.equal((await c1.get('/login')).statusCode, 303, 'a logged-in user is sent on');
      const form = await t.app.inject({ url: '/login' });
      const jar = { ...cookiesOf(form), gk_session: old };
      const res = await t.app.inject({
        method: 'POST',
        url: '/login',
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          username: 'yixi.officer',
          password: PASSWORD,
          _csrf: hiddenCsrf(form.body),
        }).toString(),
      });
      assert.equal(res.statusCode, 303);
      const fresh = cookiesOf(res).gk_session;
      assert.ok(fresh && fresh !== old);
      assert.equal((await c1.get('/admin')).statusCode, 303, 'the old session id no longer works');
      const ok = await t.app.inject({ url: '/admin', headers: { cookie: `gk_session=${fresh}` } });
      assert.equal(ok.statusCode, 200);
    });

    test('logout ends the session in the database and is audited', async () => {
      const c = await login(t, 'yixi.officer');
      const res = await c.post('/logout', {});
      assert.equal(res.statusCode, 303);
      assert.equal((await lastAudit()).action, 'logout');
      assert.equal((await c.get('/admin')).statusCode, 303);
    });

    test('a session expires after the idle time', async () => {
      const c = await login(t, 'yixi.officer');
      assert.equal((await c.get('/admin')).statusCode, 200);
      clock += (t.deps.auth.sessionIdleMinutes + 1) * 60_000;
      assert.equal((await c.get('/admin')).statusCode, 303);
    });

    test('a state-changing request without the CSRF token is refused and writes nothing', async () => {
      const admin = await addUser(t, 'xq.admin', 'agency_admin', 'district');
      void admin;
      const c = await login(t, 'xq.admin');
      const before = (await lastAudit()).seq;
      for (const csrf of [null, 'forged-token-value-xxxxxxxxxx', '']) {
        const res = await c.post(
          '/admin/users',
          {
            username: 'sneaky',
            displayName: '某某',
            role: 'officer',
            agencyId: String(t.agencies.yixi),
          },
          { csrf },
        );
        assert.equal(res.statusCode, 403);
        assert.match(res.body, /安全校验/);
      }
      const login403 = await t.app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'username=xq.admin&password=' + encodeURIComponent(PASSWORD),
      });
      assert.equal(login403.statusCode, 403, 'the login form is protected by its own token');
      assert.equal((await lastAudit()).seq, before);
      const sneaky = await t.deps.store.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'sneaky')
        .executeTakeFirst();
      assert.equal(sneaky, undefined);
    });

    test('throttling: after 5 failures the account is refused even with the right password', async () => {
      await addUser(t, 'lingxi.officer', 'officer', 'lingxi');
      for (let i = 0; i < 5; i++)
        assert.equal((await tryLogin('lingxi.officer', 'nope', `10.2.0.${i}`)).statusCode, 401);
      const res = await tryLogin('lingxi.officer', PASSWORD, '10.2.0.99');
      assert.equal(res.statusCode, 429);
      assert.match(res.body, /登录失败次数过多/);
      assert.equal((await lastAudit()).action, 'login.throttled');
      clock += (t.deps.auth.throttleWindowMinutes + 1) * 60_000;
      assert.equal((await tryLogin('lingxi.officer', PASSWORD, '10.2.0.99')).statusCode, 303);
    });

    test('throttling: one address trying many accounts is refused', async () => {
      for (let i = 0; i < t.deps.auth.maxFailuresPerAddress; i++)
        await tryLogin(`guess${i}`, 'nope', '10.3.3.3');
      assert.equal((await tryLogin('yixi.officer', PASSWORD, '10.3.3.3')).statusCode, 429);
      assert.equal((await tryLogin('yixi.officer', PASSWORD, '10.3.3.4')).statusCode, 303);
      clock += (t.deps.auth.throttleWindowMinutes + 1) * 60_000;
    });

    test('forced change: the new password must meet the policy; then the user may work', async () => {
      const c = await login(t, 'admin', PASSWORD).catch(() => null);
      assert.equal(c, null, 'admin still has its one-time password, not the test password');
      await addUser(t, 'fresh.user', 'officer', 'yixi');
      await t.deps.store.db
        .updateTable('users')
        .set({ must_change_password: 1 })
        .where('username', '=', 'fresh.user')
        .execute();
      const u = await login(t, 'fresh.user');
      assert.equal((await u.get('/admin')).statusCode, 303);
      const weak = await u.post('/admin/password', {
        currentPassword: PASSWORD,
        newPassword: 'short',
        confirmPassword: 'short',
      });
      assert.equal(weak.statusCode, 400);
      assert.match(weak.body, /新密码/);
      const mismatch = await u.post('/admin/password', {
        currentPassword: PASSWORD,
        newPassword: 'Brand-New-2026x',
        confirmPassword: 'Brand-New-2026y',
      });
      assert.equal(mismatch.statusCode, 400);
      assert.match(mismatch.body, /两次输入的新密码不一致/);
      const ok = await u.post('/admin/password', {
        currentPassword: PASSWORD,
        newPassword: 'Brand-New-2026x',
        confirmPassword: 'Brand-New-2026x',
      });
      assert.equal(ok.statusCode, 303);
      assert.equal((await u.get('/admin')).statusCode, 200);
      assert.equal((await lastAudit()).action, 'user.password_change');
    });

    test('guessing the current password on the change form is throttled and audited', async () => {
      await addUser(t, 'guess.target', 'officer', 'yixi');
      const u = await login(t, 'guess.target');
      for (let i = 0; i < t.deps.auth.maxFailuresPerAccount; i++) {
        const res = await u.post('/admin/password', {
          currentPassword: `wrong-${i}`,
          newPassword: 'Brand-New-2026x',
          confirmPassword: 'Brand-New-2026x',
        });
        assert.equal(res.statusCode, 400);
        assert.match(res.body, /当前密码/);
      }
      assert.equal((await lastAudit()).action, 'user.password_change_failure');
      const blocked = await u.post('/admin/password', {
        currentPassword: PASSWORD,
        newPassword: 'Brand-New-2026x',
        confirmPassword: 'Brand-New-2026x',
      });
      assert.equal(blocked.statusCode, 429);
      assert.match(blocked.body, /输错次数过多/);
      clock += (t.deps.auth.throttleWindowMinutes + 1) * 60_000;
    });

    test('a request id from the client is kept only when it is well formed', async () => {
      const good = await t.app.inject({ url: '/', headers: { 'x-request-id': 'lb-1234abcd' } });
      assert.equal(good.headers['x-request-id'], 'lb-1234abcd');
      const bad = await t.app.inject({
        url: '/',
        headers: { 'x-request-id': '<script>' + 'x'.repeat(200) },
      });
      assert.match(String(bad.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });

    test('security headers are set on every page', async () => {
      const res = await t.app.inject({ url: '/' });
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'same-origin');
      assert.ok(res.headers['x-request-id']);
      const health = await t.app.inject({ url: '/healthz' });
      assert.equal(health.statusCode, 200);
      assert.equal(health.json().engine, engine.name);
    });
  });
}
