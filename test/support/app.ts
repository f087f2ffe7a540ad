/** A running application on a test database, driven through fastify.inject. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createUser } from '../../src/app/create-user.ts';
import type { Deps } from '../../src/app/deps.ts';
import { hashPassword } from '../../src/app/passwords.ts';
import { SYSTEM_CTX, seedDemo } from '../../src/app/seed-demo.ts';
import { DEFAULT_AUTH_POLICY } from '../../src/domain/auth-policy.ts';
import type { Role } from '../../src/domain/roles.ts';
import { findAgencyByName } from '../../src/store/agencies.ts';
import { buildServer, type ServerOptions } from '../../src/web/server.ts';
import type { TestDb } from './engines.ts';

export const PASSWORD = 'Test-Passw0rd-2026';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  /** demo agency ids by key: city, district, office, yixi, lingxi, education */
  agencies: Record<string, number>;
  close(): Promise<void>;
}

export const DEMO_NAMES: Record<string, string> = {
  city: '潮州市人民政府',
  district: '潮州市湘桥区人民政府',
  office: '潮州市湘桥区人民政府办公室（区政务公开办）',
  yixi: '潮州市湘桥区意溪镇人民政府',
  lingxi: '潮州市湘桥区磷溪镇人民政府',
  education: '潮州市湘桥区教育局',
};

export async function startApp(
  db: TestDb,
  now: () => Date = () => new Date(),
  config: Partial<ServerOptions['config']> = {},
): Promise<TestApp> {
  const deps: Deps = { store: db.store, now, auth: DEFAULT_AUTH_POLICY };
  await seedDemo(deps);
  const agencies: Record<string, number> = {};
  for (const [key, name] of Object.entries(DEMO_NAMES)) {
    agencies[key] = (await findAgencyByName(db.store.db, name))!.id;
  }
  const app = await buildServer(deps, {
    config: { cookieSecure: false, trustProxy: false, logLevel: 'silent', ...config },
    logger: false,
  });
  return { app, deps, agencies, close: () => app.close() };
}

/** Creates a user with a known password that needs no change (a fixture, through the use case). */
export async function addUser(t: TestApp, username: string, role: Role, agencyKey: string | null) {
  const { user } = await createUser(t.deps, SYSTEM_CTX, {
    username,
    displayName: username,
    role,
    agencyId: agencyKey === null ? null : (t.agencies[agencyKey] as number),
  });
  await t.deps.store.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(PASSWORD), must_change_password: 0 })
    .where('id', '=', user.id)
    .execute();
  return user;
}

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies) out[c.name] = c.value;
  return out;
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

export function hiddenCsrf(body: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!m) throw new Error('no csrf field in page');
  return m[1] as string;
}

/** A logged-in browser-like client: cookie jar plus the session's CSRF token. */
export interface Client {
  jar: Record<string, string>;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(
    url: string,
    form: Record<string, string>,
    opts?: { csrf?: string | null },
  ): Promise<LightMyRequestResponse>;
}

export async function login(
  t: TestApp,
  username: string,
  password = PASSWORD,
  ip = '127.0.0.1',
): Promise<Client> {
  const form = await t.app.inject({ method: 'GET', url: '/login', remoteAddress: ip });
  const jar: Record<string, string> = cookiesOf(form);
  const res = await t.app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: ip,
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ username, password, _csrf: hiddenCsrf(form.body) }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`login failed for ${username}: ${res.statusCode}`);
  Object.assign(jar, cookiesOf(res));
  const client: Client = {
    jar,
    csrf: '',
    get: (url) =>
      t.app.inject({
        method: 'GET',
        url,
        remoteAddress: ip,
        headers: { cookie: cookieHeader(jar) },
      }),
    post: (url, data, opts = {}) => {
      const payload = new URLSearchParams(data);
      const csrf = opts.csrf === undefined ? client.csrf : opts.csrf;
      if (csrf !== null) payload.set('_csrf', csrf);
      return t.app.inject({
        method: 'POST',
        url,
        remoteAddress: ip,
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
        payload: payload.toString(),
      });
    },
  };
  const home = await client.get('/admin/password');
  client.csrf = hiddenCsrf(home.body);
  return client;
}
