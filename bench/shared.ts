/** What bench/main.ts and its server process (bench/servers.ts) agree on. */
export const PUBLIC_PATH = '/agencies/11445102007236021F';
export const ADMIN_PATH = '/admin/agencies';

/** Sent by the server process once both servers listen. */
export interface ReadyMessage {
  type: 'ready';
  appUrl: string;
  /** the same app with PUBLIC_CACHE_SECONDS=0 */
  uncachedUrl: string;
  publicCacheSeconds: number;
  bareUrl: string;
  username: string;
  password: string;
  contentType: string;
  bytes: number;
}

/** The server process's answer to `{ type: 'cpu' }`: its process.cpuUsage() (µs). */
export interface CpuMessage {
  type: 'cpu';
  usage: NodeJS.CpuUsage;
}
