/**
 * The Redis behind a BullMQ sweep queue: the URL checked, and a reachability probe that fails fast
 * (ioredis otherwise retries forever, so a down Redis would hang the command instead of failing it).
 */
import { HetsimError } from '../../errors.js';

const URL_FORM = 'a Redis URL: redis://host:port[/db] (or rediss:// for TLS)';

/** `url` as given, once checked to be a redis:// or rediss:// URL with a host. */
export function checkRedisUrl(url: string, flag = '--queue'): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new HetsimError('config_invalid', `expected ${URL_FORM}, got '${url}'`, flag);
  }
  if ((u.protocol !== 'redis:' && u.protocol !== 'rediss:') || u.hostname === '') throw new HetsimError('config_invalid', `expected ${URL_FORM}, got '${url}'`, flag);
  return url;
}

/** Connection options BullMQ needs (blocking commands must not give up after N retries). */
export async function redisConnection(url: string): Promise<import('ioredis').Redis> {
  const { Redis } = await import('ioredis');
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
}

/** Resolves when Redis answers PING within `timeoutMs`; else a HetsimError naming the flag and the address. */
export async function probeRedis(url: string, flag = '--queue', timeoutMs = 3000): Promise<void> {
  checkRedisUrl(url, flag);
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let last = '';
  client.on('error', (e: Error) => (last = e.message));
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const why = last || (e instanceof Error ? e.message : String(e));
    throw new HetsimError('unreachable', `cannot reach Redis at ${url} (${why}); start one (e.g. redis-server) or fix the URL`, flag);
  } finally {
    client.disconnect();
  }
}
