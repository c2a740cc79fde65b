import sharp from 'sharp';
import { ImageSandbox } from './image-sandbox';
import type { ImageJob } from './image-work';

const logoJob = (input: Buffer, kind: ImageJob['kind'] = 'png'): ImageJob => ({ op: 'logo', input, kind, maxInputPixels: 25_000_000, maxSide: 256 });

/** Resolves once no process has this id any more (SIGKILL delivered and the child reaped). */
async function gone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ImageSandbox', () => {
  let sandbox: ImageSandbox;
  let small: Buffer;
  let large: Buffer;

  beforeAll(async () => {
    sandbox = new ImageSandbox({ deadlineMs: 60_000, processes: 1, maxMemoryMb: 2048 });
    small = await sharp({ create: { width: 120, height: 40, channels: 3, background: '#0b5fff' } }).png().toBuffer();
    // 24 megapixels of noise: decoding, trimming and resizing it is seconds of libvips work, far past a 50 ms deadline.
    const pixels = Buffer.alloc(6000 * 4000 * 3);
    for (let i = 0; i < pixels.length; i += 4099) pixels[i] = i & 0xff;
    large = await sharp(pixels, { raw: { width: 6000, height: 4000, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
  });
  afterAll(() => sandbox.close());

  it('returns the normalised image from its process', async () => {
    const outcome = await sandbox.run(logoJob(small));
    expect(outcome).toMatchObject({ ok: true, width: 120, height: 40 });
    if (!outcome.ok) throw new Error('unreachable');
    expect(await sharp(Buffer.from(outcome.data)).metadata()).toMatchObject({ format: 'png', width: 120, height: 40 });
  });

  it('kills a job past its deadline with its process, and the next job runs in a fresh one', async () => {
    await sandbox.run(logoJob(small));
    const [before] = sandbox.pids();
    expect(before).toEqual(expect.any(Number));

    const outcome = await sandbox.run(logoJob(large), { deadlineMs: 50 });
    expect(outcome).toEqual({ ok: false, code: 'IMAGE_TOO_COSTLY', problem: expect.stringContaining('was stopped') });
    await gone(before!);
    expect(sandbox.stats()).toMatchObject({ inFlight: 0, queued: 0, killed: 1 });

    const next = await sandbox.run(logoJob(small));
    expect(next).toMatchObject({ ok: true, width: 120, height: 40 });
    expect(sandbox.pids()).toEqual([expect.any(Number)]);
    expect(sandbox.pids()).not.toContain(before);
  });

  it('answers the jobs queued behind a killed one', async () => {
    const results = await Promise.all([sandbox.run(logoJob(large), { deadlineMs: 50 }), sandbox.run(logoJob(small)), sandbox.run(logoJob(small))]);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['IMAGE_TOO_COSTLY', 'ok', 'ok']);
    expect(sandbox.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it('recovers when its process dies between jobs', async () => {
    await sandbox.run(logoJob(small));
    const [pid] = sandbox.pids();
    process.kill(pid!, 'SIGKILL');
    await gone(pid!);
    expect(await sandbox.run(logoJob(small))).toMatchObject({ ok: true });
  });

  it('stops a running job when it is closed, so shutdown never waits for a render', async () => {
    const own = new ImageSandbox({ deadlineMs: 60_000, processes: 1, maxMemoryMb: 2048 });
    await own.run(logoJob(small));
    const [pid] = own.pids();
    const refused = expect(own.run(logoJob(large))).rejects.toThrow('closed');
    expect(own.stats()).toMatchObject({ inFlight: 1 });
    await own.close();
    await refused;
    await gone(pid!);
    expect(own.pids()).toEqual([]);
  });

  it('refuses a filter SVG before drawing anything', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><filter id="f"><feMorphology radius="5"/></filter><rect width="200" height="200" filter="url(#f)"/></svg>');
    expect(await sandbox.run(logoJob(svg, 'svg'))).toMatchObject({ ok: false, code: 'IMAGE_UNSAFE_SVG', problem: expect.stringContaining('filter') });
  });
});

describe('ImageSandbox under a flood', () => {
  it('turns jobs away once too many wait, and runs the ones it took', async () => {
    const sandbox = new ImageSandbox({ deadlineMs: 60_000, processes: 1, maxMemoryMb: 2048 });
    try {
      const small = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#0b5fff' } }).png().toBuffer();
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => sandbox.run(logoJob(small))));
      // Its process is still starting, so every job waits: sixteen are taken, the other four turned away.
      const codes = outcomes.map((o) => (o.ok ? 'ok' : o.code));
      expect(codes.filter((c) => c === 'ok')).toHaveLength(16);
      expect(codes.filter((c) => c === 'IMAGE_BUSY')).toHaveLength(4);
      expect(sandbox.stats()).toMatchObject({ inFlight: 0, queued: 0 });
    } finally {
      await sandbox.close();
    }
  });
});
