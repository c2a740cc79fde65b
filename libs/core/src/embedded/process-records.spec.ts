import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { assertPortFree, isLive, PortInUseError, selfRef, withFileLock, writeJson } from './process-records';

describe('process records: who runs an embedded part', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-records-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The pid of a process that has exited. */
  function deadPid(): number {
    return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
  }

  it('tells a live process from a dead one and from a pid reused by another program', () => {
    const me = selfRef('api');
    expect(isLive(me)).toBe(true);
    expect(isLive({ pid: deadPid(), start: null })).toBe(false);
    // Same pid, another start time: not the process that was recorded.
    expect(me.start).not.toBeNull();
    expect(isLive({ ...me, start: `${me.start}0` })).toBe(false);
  });

  it('runs callers one after the other, so two processes never both decide to start a part', async () => {
    const lock = path.join(dir, 'serial.lock');
    const order: string[] = [];
    const critical = (name: string) => async () => {
      order.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 50));
      order.push(`${name} out`);
    };
    await Promise.all([withFileLock(lock, critical('a')), withFileLock(lock, critical('b'))]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose holder was killed', async () => {
    const lock = path.join(dir, 'stale.lock');
    writeJson(lock, { pid: deadPid(), start: null });
    await expect(withFileLock(lock, () => Promise.resolve('taken'), 2_000)).resolves.toBe('taken');
  });

  it('names the port and its variable when another program holds it', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as net.AddressInfo;
    try {
      await expect(assertPortFree(port, 'EMBEDDED_S3_PORT')).rejects.toThrow(new PortInUseError(port, 'EMBEDDED_S3_PORT'));
      await expect(assertPortFree(port, 'EMBEDDED_S3_PORT')).rejects.toThrow(`port ${port} is already in use by another program: set EMBEDDED_S3_PORT`);
    } finally {
      server.close();
    }
    await expect(assertPortFree(port, 'EMBEDDED_S3_PORT')).resolves.toBeUndefined();
  });
});
