/**
 * The server side of `npm run bench`, run by bench/main.ts as a child process so that the load
 * generator and the servers each have their own event loop (and core): a fresh SQLite database
 * in BENCH_DIR (migrated, demo-seeded, one platform administrator who needs no password change),
 * the real app, and a bare Fastify server replaying the public agency page's bytes from memory.
 */
import { join } from 'node:path';
import Fastify from 'fastify';
import { createUser } from '../src/app/create-user.ts';
import type { Deps } from '../src/app/deps.ts';
import { generatePassword, hashPassword } from '../src/app/passwords.ts';
import { SYSTEM_CTX, seedDemo } from '../src/app/seed-demo.ts';
import { DEFAULT_AUTH_POLICY } from '../src/domain/auth-policy.ts';
import { openStore } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { loadConfig } from '../src/config.ts';
import { buildServer } from '../src/web/server.ts';
import { PUBLIC_PATH, type ReadyMessage } from './shared.ts';

async function main(): Promise<void> {
  const dir = process.env.BENCH_DIR;
  if (!dir || !process.send) throw new Error('bench/servers.ts is started by bench/main.ts');

  const store = openStore(join(dir, 'bench.sqlite'));
  await migrateToLatest(store);
  const deps: Deps = { store, now: () => new Date(), auth: DEFAULT_AUTH_POLICY };
  await seedDemo(deps);

  // Same fixture as test/support/app.ts addUser: a known argon2 hash, no forced change.
  const username = 'bench-admin';
  const password = generatePassword();
  const { user } = await createUser(deps, SYSTEM_CTX, {
    username,
    displayName: '压测管理员',
    role: 'platform_admin',
    agencyId: null,
  });
  await store.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), must_change_password: 0 })
    .where('id', '=', user.id)
    .execute();

  // As deployed: the public-page micro-cache at its configured TTL (PUBLIC_CACHE_SECONDS, default 5).
  const publicCacheSeconds = loadConfig().publicCacheSeconds;
  const app = await buildServer(deps, {
    config: { cookieSecure: false, trustProxy: false, logLevel: 'silent', publicCacheSeconds },
    logger: false,
  });
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  // The same app with the cache off: what every request costs when it renders from the database.
  const uncached = await buildServer(deps, {
    config: { cookieSecure: false, trustProxy: false, logLevel: 'silent', publicCacheSeconds: 0 },
    logger: false,
  });
  const uncachedUrl = await uncached.listen({ host: '127.0.0.1', port: 0 });

  const res = await fetch(appUrl + PUBLIC_PATH);
  const contentType = res.headers.get('content-type');
  if (res.status !== 200 || !contentType) {
    throw new Error(`GET ${PUBLIC_PATH} on the app answered ${res.status} (${contentType})`);
  }
  const page = Buffer.from(await res.arrayBuffer());

  const bare = Fastify({ logger: false });
  bare.get(PUBLIC_PATH, async (_req, reply) =>
    reply.header('content-type', contentType).send(page),
  );
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await Promise.allSettled([app.close(), uncached.close(), bare.close()]);
    await store.close();
    // A normal exit, so that --cpu-prof (BENCH_CPU_PROF) writes its profile.
    process.exit(0);
  };
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'stop') void shutdown();
    if (m?.type === 'cpu') process.send?.({ type: 'cpu', usage: process.cpuUsage() });
  });
  process.on('disconnect', () => void shutdown());

  const ready: ReadyMessage = {
    type: 'ready',
    appUrl,
    uncachedUrl,
    publicCacheSeconds,
    bareUrl,
    username,
    password,
    contentType,
    bytes: page.length,
  };
  process.send(ready);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
