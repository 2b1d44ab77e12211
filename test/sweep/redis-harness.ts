/**
 * A Redis for the queue tests: HETSIM_TEST_REDIS (`.ci/run` starts Debian's redis-server on
 * 127.0.0.1 and sets it), else a private redis-server on a free loopback port if the binary is
 * installed. Without either the queue tests are skipped locally; with HETSIM_REQUIRE_REDIS (set by
 * `.ci/run`) they fail instead, so a CI machine that lost its Redis cannot pass by skipping them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface TestRedis {
  url: string;
  stop(): void;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const pings = (port: number): boolean => spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG';

export const redisAvailable = (): boolean => Boolean(process.env.HETSIM_TEST_REDIS) || spawnSync('redis-server', ['--version']).status === 0;

export async function startTestRedis(): Promise<TestRedis> {
  if (process.env.HETSIM_TEST_REDIS) return { url: process.env.HETSIM_TEST_REDIS, stop: () => undefined };
  if (!redisAvailable()) throw new Error('no Redis for the queue tests: set HETSIM_TEST_REDIS or install redis-server (.ci/run does)');
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !pings(port); i++) await new Promise((r) => setTimeout(r, 50));
  if (!pings(port)) throw new Error(`redis-server did not answer on port ${port}`);
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}
