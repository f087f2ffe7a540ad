import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  addUser,
  cookieHeader,
  login,
  startApp,
  type Client,
  type TestApp,
} from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

for (const engine of engines()) {
  describe(`bad input on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    let c: Client;
    before(async () => {
      db = await engine.create();
      t = await startApp(db);
      await addUser(t, 'xq.admin', 'agency_admin', 'district');
      c = await login(t, 'xq.admin');
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    const counts = async () => {
      const n = async (table: 'agencies' | 'users' | 'audit_log') =>
        Number(
          (
            await t.deps.store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<string | number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return {
        agencies: await n('agencies'),
        users: await n('users'),
        audit: await n('audit_log'),
      };
    };

    const agencyForm = (over: Record<string, string> = {}) => ({
      name: '潮州市湘桥区城西街道办事处',
      shortName: '城西街道',
      kind: 'government',
      parentId: String(t.agencies.district),
      level: '',
      creditCode: '11445102007239075N',
      ...over,
    });

    const cases: [string, Record<string, string>, number, RegExp][] = [
      [
        'a wrong credit code',
        { creditCode: '11445102007239075A' },
        400,
        /统一社会信用代码：校验码错误：第 18 位应为“N”/,
      ],
      [
        'a credit code with a forbidden letter',
        { creditCode: '1144510200723907SN' },
        400,
        /统一社会信用代码：第 17 位“S”不是合法字符/,
      ],
      [
        'a duplicate agency name',
        { name: '潮州市湘桥区意溪镇人民政府' },
        409,
        /机关全称：“潮州市湘桥区意溪镇人民政府”已存在/,
      ],
      [
        'a duplicate credit code',
        { creditCode: '11445102007236021F' },
        409,
        /统一社会信用代码：已被“潮州市湘桥区意溪镇人民政府”使用/,
      ],
      [
        'an overlong name',
        { name: '镇'.repeat(101) },
        400,
        /机关全称：不能超过 100 个字符（现为 101 个）/,
      ],
      ['a control character', { shortName: '城西\u0007街道' }, 400, /简称：含有不可见的控制字符/],
      ['an empty required field', { name: '   ' }, 400, /机关全称：不能为空/],
      [
        'a bad e-mail and post code',
        { email: 'not-mail', postcode: '52103' },
        400,
        /电子邮箱：不是有效的电子邮箱地址。.*邮政编码：应为 6 位数字/s,
      ],
      ['an unknown kind', { kind: 'ministry' }, 400, /机关类型：请选择机关类型/],
      ['a malformed parent id', { parentId: '1 OR 1=1' }, 400, /上级机关：格式不正确/],
      ['a township under a township', { parentId: '' }, 400, /上级机关|层级/],
    ];

    for (const [what, over, status, message] of cases) {
      test(`agency form: ${what} → ${status} naming the field, nothing written`, async () => {
        const before = await counts();
        const form = agencyForm(over);
        if (what === 'a township under a township') form.parentId = String(t.agencies.yixi);
        const res = await c.post('/admin/agencies', form);
        assert.equal(res.statusCode, status, res.body.slice(0, 300));
        assert.match(res.body, message);
        assert.match(res.body, /aria-invalid="true"|role="alert"/);
        assert.deepEqual(await counts(), before);
      });
    }

    test('user form: a bad user name, a role above one’s own, a foreign agency → 400, nothing written', async () => {
      const before = await counts();
      const bad = await c.post('/admin/users', {
        username: 'Bad Name',
        displayName: '张三',
        role: 'officer',
        agencyId: String(t.agencies.yixi),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /用户名：只能用小写字母开头/);
      const above = await c.post('/admin/users', {
        username: 'boss',
        displayName: '张三',
        role: 'platform_admin',
        agencyId: '',
      });
      assert.equal(above.statusCode, 400);
      assert.match(above.body, /角色：您不能授予“平台管理员”角色/);
      const foreign = await c.post('/admin/users', {
        username: 'outsider',
        displayName: '张三',
        role: 'officer',
        agencyId: String(t.agencies.city),
      });
      assert.equal(foreign.statusCode, 400);
      assert.match(foreign.body, /所属机关：请选择您管理范围内的机关/);
      const supervisor = await c.post('/admin/users', {
        username: 'yixi.supervisor',
        displayName: '张三',
        role: 'supervisor',
        agencyId: String(t.agencies.yixi),
      });
      assert.equal(supervisor.statusCode, 400);
      assert.match(supervisor.body, /角色：“监督人员”只能设在政务公开办/);
      assert.deepEqual(await counts(), before);
    });

    test('malformed bodies: JSON, multipart, repeated fields, oversize, empty → 4xx in Chinese', async () => {
      const before = await counts();
      const send = (contentType: string, payload: string | Buffer) =>
        t.app.inject({
          method: 'POST',
          url: '/admin/agencies',
          headers: { cookie: cookieHeader(c.jar), 'content-type': contentType },
          payload,
        });
      const json = await send(
        'application/json',
        JSON.stringify({ ...agencyForm(), _csrf: c.csrf }),
      );
      assert.equal(json.statusCode, 415);
      assert.match(json.body, /提交格式不支持/);
      const multi = await send(
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
      );
      assert.equal(multi.statusCode, 415);
      const repeated = await c.post('/admin/agencies', agencyForm());
      void repeated;
      const arr = await send(
        'application/x-www-form-urlencoded',
        `name=a&name=b&_csrf=${c.csrf}&shortName=x&kind=government&creditCode=11445102007239075N&parentId=${t.agencies.district}`,
      );
      assert.equal(arr.statusCode, 400);
      assert.match(arr.body, /机关全称：格式不正确/);
      const huge = await send(
        'application/x-www-form-urlencoded',
        `_csrf=${c.csrf}&name=${'a'.repeat(400_000)}`,
      );
      assert.equal(huge.statusCode, 413);
      assert.match(huge.body, /提交的内容过大/);
      const empty = await send('application/x-www-form-urlencoded', '');
      assert.equal(empty.statusCode, 403, 'an empty body has no CSRF token');
      const after = await counts();
      assert.equal(after.users, before.users);
      assert.equal(
        after.agencies,
        before.agencies + 1,
        'only the one well-formed agency was created',
      );
    });

    test('audit filters: impossible dates and junk are ignored, not a server error', async () => {
      const res = await c.get(
        '/admin/audit?to=2025-13-45&from=2025-02-30&before=abc&actor=' + 'x'.repeat(500),
      );
      assert.equal(res.statusCode, 200);
      const day = await c.get('/admin/audit?from=2000-01-01&to=2099-12-31&action=login.success');
      assert.equal(day.statusCode, 200);
      assert.match(day.body, /登录成功/);
      assert.equal(res.headers['cache-control'], 'no-store');
    });

    test('logging out after the session has ended goes to the login page', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/logout',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: 'gk_session=expired-token-aaaaaaaaaaaaaaaa',
        },
        payload: '',
      });
      assert.equal(res.statusCode, 303);
      const unknown = await c.post('/no/such/form', {});
      assert.equal(unknown.statusCode, 404);
    });

    test('1,000 randomly malformed requests at the forms: no 5xx, no crash', async () => {
      const posts = t.app.routeTable
        .filter((r) => r.method === 'POST' && r.url !== '/logout')
        .map((r) => r.url);
      const fields = [
        'name',
        'shortName',
        'kind',
        'level',
        'creditCode',
        'parentId',
        'email',
        'postcode',
        'website',
        'username',
        'displayName',
        'role',
        'agencyId',
        'disabled',
        'currentPassword',
        'newPassword',
        'confirmPassword',
        'password',
        'next',
        '__proto__',
        'constructor',
      ];
      const junk = () => {
        const kinds = [
          () => randomBytes(1 + Math.floor(Math.random() * 40)).toString('latin1'),
          () => '镇'.repeat(Math.floor(Math.random() * 400)),
          () => '\u0000\u0007\u001b\u202e\ud800',
          () => String(Math.floor(Math.random() * 1e12) - 5e11),
          () => "' OR 1=1 --",
          () => '<script>x</script>',
          () => '',
          () => '１１４４５１０２００７２３９０７５Ｎ',
        ];
        return kinds[Math.floor(Math.random() * kinds.length)]!();
      };
      const types = [
        'application/x-www-form-urlencoded',
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded; charset=gbk',
        'multipart/form-data',
        '',
      ];
      let fiveHundreds = 0;
      for (let i = 0; i < 1000; i++) {
        const url = posts[i % posts.length]!.replace(
          ':id',
          String([t.agencies.yixi, 1, 999999, 0][i % 4]),
        );
        const params = new URLSearchParams();
        if (i % 3 !== 0) params.set('_csrf', c.csrf);
        for (let k = 0; k < 1 + (i % 6); k++)
          params.append(fields[Math.floor(Math.random() * fields.length)]!, junk());
        const raw =
          i % 7 === 0
            ? randomBytes(200).toString('latin1')
            : i % 11 === 0
              ? '%E0%A4%A&&==%'
              : params.toString();
        const res = await t.app.inject({
          method: 'POST',
          url:
            i % 13 === 0
              ? `${url}?x=${encodeURIComponent(junk().replace(/[\ud800-\udfff]/g, ''))}`
              : url,
          headers: { cookie: cookieHeader(c.jar), 'content-type': types[i % types.length]! },
          payload: raw,
        });
        if (res.statusCode >= 500) {
          fiveHundreds++;
          assert.fail(`${url} → ${res.statusCode}: ${raw.slice(0, 200)}`);
        }
      }
      assert.equal(fiveHundreds, 0);
      assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
    });
  });
}
