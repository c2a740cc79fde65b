import { isPublicPath, resolveLogFormat, textLogStream } from './log-format';

describe('log format', () => {
  it('keeps recipients\' pages out of the info log and the API in it', () => {
    for (const url of ['/l/abc123', '/o/x.gif', '/p/acme/kit', '/media/r/1', '/u/token', '/v/message', '/l']) expect(isPublicPath(url)).toBe(true);
    for (const url of ['/api/v1/links/1/stats', '/health', '/', '/login', '/portal/l', '/lx']) expect(isPublicPath(url)).toBe(false);
  });

  it('writes text on a terminal in development and JSON in production or through a pipe', () => {
    expect(resolveLogFormat({ logFormat: 'auto', nodeEnv: 'development' }, true)).toBe('text');
    expect(resolveLogFormat({ logFormat: 'auto', nodeEnv: 'production' }, true)).toBe('json');
    expect(resolveLogFormat({ logFormat: 'auto', nodeEnv: 'development' }, false)).toBe('json');
    expect(resolveLogFormat({ logFormat: 'text', nodeEnv: 'production' }, false)).toBe('text');
  });

  it('turns a request line into one readable line', () => {
    let written = '';
    const stream = textLogStream(false, { write: (s: string) => ((written += s), true) } as unknown as NodeJS.WritableStream);
    stream.write(JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 1, 9, 30), reqId: 'abcdef1234', req: { method: 'GET', url: '/api/v1/partners' } }));
    expect(written).toBe('09:30:00.000 INFO  abcdef12 → GET /api/v1/partners\n');
  });
});
