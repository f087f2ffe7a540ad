import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gongkai } from '../support/cli.ts';
import { engines, type TestDb } from '../support/engines.ts';

for (const engine of engines()) {
  describe(`gongkai CLI on ${engine.name}`, () => {
    let db: TestDb;
    before(async () => {
      db = await engine.create();
    });
    after(async () => {
      await db.drop();
    });

    test('agency add: a valid agency is added; a wrong credit code exits 2 naming the field', () => {
      const ok = gongkai(
        db.url,
        'agency',
        'add',
        '--name',
        '潮州市人民政府',
        '--short-name',
        '潮州市政府',
        '--kind',
        'government',
        '--level',
        'city',
        '--credit-code',
        '11445100007234501E',
      );
      assert.equal(ok.code, 0, ok.err);
      assert.match(ok.out, /已新增机关：潮州市人民政府/);
      const bad = gongkai(
        db.url,
        'agency',
        'add',
        '--name',
        '潮州市湘桥区人民政府',
        '--short-name',
        '湘桥区',
        '--kind',
        'government',
        '--parent',
        '潮州市人民政府',
        '--credit-code',
        '11445102007235012B',
      );
      assert.equal(bad.code, 2);
      assert.match(bad.err, /统一社会信用代码：校验码错误/);
      const dup = gongkai(
        db.url,
        'agency',
        'add',
        '--name',
        '潮州市人民政府',
        '--short-name',
        'x',
        '--kind',
        'government',
        '--level',
        'city',
        '--credit-code',
        '11445102007235012A',
      );
      assert.equal(dup.code, 1);
      assert.match(dup.err, /已存在/);
      const list = gongkai(db.url, 'agency', 'list');
      assert.equal(list.code, 0);
      assert.equal(list.out.trim().split('\n').length, 1);
    });

    test('user add and reset-password print a one-time password; usage errors exit 2', () => {
      const add = gongkai(
        db.url,
        'user',
        'add',
        '--username',
        'cz.admin',
        '--name',
        '管理员',
        '--role',
        'agency_admin',
        '--agency',
        '11445100007234501E',
      );
      assert.equal(add.code, 0, add.err);
      assert.match(add.out, /一次性密码/);
      const reset = gongkai(db.url, 'user', 'reset-password', 'cz.admin');
      assert.equal(reset.code, 0, reset.err);
      assert.equal(gongkai(db.url, 'user', 'reset-password', 'nobody').code, 2);
      assert.equal(gongkai(db.url, 'frobnicate').code, 2);
      assert.equal(gongkai(db.url, 'agency', 'add', '--bogus').code, 2);
    });

    test('audit verify passes, then fails naming the row edited in the database', async () => {
      const ok = gongkai(db.url, 'audit', 'verify');
      assert.equal(ok.code, 0, ok.err);
      assert.match(ok.out, /哈希链校验通过/);
      const target = await db.store.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', 'user.create')
        .executeTakeFirstOrThrow();
      await db.store.db
        .updateTable('audit_log')
        .set({ actor_name: 'mallory' })
        .where('seq', '=', target.seq)
        .execute();
      const bad = gongkai(db.url, 'audit', 'verify');
      assert.equal(bad.code, 1);
      assert.match(bad.err, new RegExp(`第 ${target.seq} 号记录校验失败`));
    });
  });
}

describe('audit anchor and a missing database (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-anchor-'));
  const url = join(dir, 'live.sqlite');
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a command on a database file that does not exist exits 2 and creates nothing', () => {
    const missing = join(dir, 'nowhere.sqlite');
    const r = gongkai(missing, 'audit', 'verify');
    assert.equal(r.code, 2);
    assert.match(r.err, /找不到数据库文件/);
    assert.equal(existsSync(missing), false);
  });

  test('an anchor recorded outside the database reveals the newest entries being deleted', async () => {
    assert.equal(gongkai(url, 'migrate').code, 0);
    const add = (name: string, code: string, extra: string[]) =>
      gongkai(
        url,
        'agency',
        'add',
        '--name',
        name,
        '--short-name',
        name.slice(0, 5),
        '--kind',
        'government',
        '--credit-code',
        code,
        ...extra,
      );
    assert.equal(add('潮州市人民政府', '11445100007234501E', ['--level', 'city']).code, 0);
    const first = gongkai(url, 'audit', 'verify');
    const anchor = /锚点[^：]*：(\d+:[0-9a-f]{64})/.exec(first.out)?.[1];
    assert.ok(anchor, first.out);
    assert.equal(
      add('潮州市湘桥区人民政府', '11445102007235012A', ['--parent', '潮州市人民政府']).code,
      0,
    );
    assert.equal(gongkai(url, 'audit', 'verify', '--anchor', anchor).code, 0);
    const SQLite = (await import('better-sqlite3')).default;
    const raw = new SQLite(url);
    raw.prepare('delete from audit_log where seq >= ?').run(Number(anchor.split(':')[0]));
    raw.close();
    assert.equal(gongkai(url, 'audit', 'verify').code, 0, 'the chain alone cannot see a cut tail');
    const cut = gongkai(url, 'audit', 'verify', '--anchor', anchor);
    assert.equal(cut.code, 1);
    assert.match(cut.err, /最新的记录被删除/);
    assert.equal(gongkai(url, 'audit', 'verify', '--anchor', 'nonsense').code, 2);
  });
});

describe('backup and restore (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-'));
  const url = join(dir, 'live.sqlite');
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('an online backup restores the data it held; a bad file is refused, nothing changed', () => {
    assert.equal(gongkai(url, 'migrate').code, 0);
    assert.equal(
      gongkai(
        url,
        'agency',
        'add',
        '--name',
        '潮州市人民政府',
        '--short-name',
        '潮州市政府',
        '--kind',
        'government',
        '--level',
        'city',
        '--credit-code',
        '11445100007234501E',
      ).code,
      0,
    );
    const file = join(dir, 'backup.sqlite');
    const b = gongkai(url, 'backup', file);
    assert.equal(b.code, 0, b.err);
    assert.ok(existsSync(file));
    assert.equal(gongkai(url, 'backup', file).code, 2, 'never overwrites');
    assert.equal(
      gongkai(
        url,
        'agency',
        'add',
        '--name',
        '潮州市湘桥区人民政府',
        '--short-name',
        '湘桥区',
        '--kind',
        'government',
        '--parent',
        '潮州市人民政府',
        '--credit-code',
        '11445102007235012A',
      ).code,
      0,
    );
    assert.equal(gongkai(url, 'agency', 'list').out.trim().split('\n').length, 2);
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'not a database');
    const refused = gongkai(url, 'restore', garbage);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /不是完好的本平台数据库备份/);
    assert.equal(gongkai(url, 'agency', 'list').out.trim().split('\n').length, 2);
    const r = gongkai(url, 'restore', file);
    assert.equal(r.code, 0, r.err);
    assert.equal(gongkai(url, 'agency', 'list').out.trim().split('\n').length, 1);
    assert.equal(gongkai(url, 'audit', 'verify').code, 0);
  });
});
