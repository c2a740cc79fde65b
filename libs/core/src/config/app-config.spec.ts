import path from 'node:path';
import { AppConfig, ConfigError, loadConfig } from './app-config';

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('starts from documented defaults when nothing is set', () => {
    const config = loadConfig({});
    // toMatchObject: a newly added variable must not break this list, but none of these may change silently.
    expect(config).toMatchObject<Partial<AppConfig>>({
      nodeEnv: 'development',
      role: 'all',
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      logFormat: 'auto',
      assetsDir: path.resolve('./assets'),
      dataDir: path.resolve('./.data'),
      seedDemo: true,
      database: { url: null, embeddedPort: 54329, poolSize: 10 },
      queue: { redisUrl: null, prefix: 'channelkit' },
      storage: {
        endpoint: null,
        region: 'us-east-1',
        bucket: 'channelkit',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
        embeddedPort: 4569,
        presignTtlSeconds: 300,
      },
      mail: {
        smtpUrl: null,
        from: 'ChannelKit <no-reply@channelkit.local>',
        embeddedPort: 1025,
        inboxPort: 1080,
        sendingDomain: 'channelkit.local',
        vendorName: 'Acme Cloud',
        partnerDisplay: 'partner-via-vendor',
        dkim: null,
        rateLimits: { perDomainHour: 20_000, perPartnerHour: 5_000, globalHour: 100_000 },
        poolSize: 5,
        webhookSecret: null,
      },
      auth: { sessionTtlMinutes: 60, inviteTtlHours: 72, loginMaxFailures: 10, loginWindowMinutes: 15 },
      uploads: { logoMaxBytes: 2_097_152, maxInputPixels: 25_000_000, imageDeadlineMs: 10_000, imageProcesses: 1, imageMaxMemoryMb: 1024 },
    });
  });

  it('treats empty and blank values as unset, and trims the rest', () => {
    const config = loadConfig({ PORT: '', LOG_LEVEL: '   ', INVITE_TTL_HOURS: ' 24 ', QUEUE_PREFIX: ' ck-prod ' });
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.auth.inviteTtlHours).toBe(24);
    expect(config.queue.prefix).toBe('ck-prod');
  });

  it('reads set values', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      APP_ROLE: 'worker',
      DATABASE_URL: 'postgresql://ck:pw@db:5432/ck',
      REDIS_URL: 'rediss://cache:6380',
      SEED_DEMO: 'no',
      S3_FORCE_PATH_STYLE: 'FALSE',
      LOGO_MAX_BYTES: '1048576',
      UPLOAD_MAX_INPUT_PIXELS: '10000',
      SMTP_URL: 'smtps://mailer:465',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      role: 'worker',
      seedDemo: false,
      database: { url: 'postgresql://ck:pw@db:5432/ck' },
      queue: { redisUrl: 'rediss://cache:6380' },
      storage: { forcePathStyle: false },
      mail: { smtpUrl: 'smtps://mailer:465' },
      uploads: { logoMaxBytes: 1_048_576, maxInputPixels: 10_000 },
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['YES', true],
    ['false', false],
    ['0', false],
    ['No', false],
  ])('reads the boolean %s as %s', (value, expected) => {
    expect(loadConfig({ SEED_DEMO: value }).seedDemo).toBe(expected);
  });

  describe('PUBLIC_URL', () => {
    it('defaults to localhost on PORT', () => {
      expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    });

    it('keeps an explicit URL without its trailing slashes, whatever PORT says', () => {
      expect(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://partners.example.com//' }).publicUrl).toBe('https://partners.example.com');
      expect(loadConfig({ PUBLIC_URL: 'https://example.com/channelkit/' }).publicUrl).toBe('https://example.com/channelkit');
    });

    it('must be http or https', () => {
      expect(configError({ PUBLIC_URL: 'ftp://example.com' }).problems).toEqual([expect.stringMatching(/^PUBLIC_URL must use http: or https:/)]);
      expect(configError({ PUBLIC_URL: 'partners.example.com' }).problems).toEqual([expect.stringMatching(/^PUBLIC_URL must be a URL/)]);
    });
  });

  it('lists every bad variable together in one ConfigError', () => {
    const bad = {
      NODE_ENV: 'staging',
      APP_ROLE: 'cron',
      PORT: 'eighty',
      LOG_FORMAT: 'xml',
      SEED_DEMO: 'maybe',
      DATABASE_URL: 'mysql://db/ck',
      DATABASE_POOL_SIZE: '0',
      REDIS_URL: 'not a url',
      QUEUE_PREFIX: 'has spaces',
      S3_BUCKET: 'Bad_Bucket',
      S3_PRESIGN_TTL_SECONDS: '86400',
      SMTP_URL: 'http://mail',
      INVITE_TTL_HOURS: '1.5',
      LOGO_MAX_BYTES: '-1',
      UPLOAD_MAX_INPUT_PIXELS: '999999999999',
    };
    const error = configError(bad);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    const named = error.problems.map((p) => p.split(' ')[0]);
    expect(named.sort()).toEqual(Object.keys(bad).sort());
    for (const problem of error.problems) expect(error.message).toContain(problem);
    expect(error.message).toContain('"staging"');
    expect(error.message).toContain('NODE_ENV must be one of development, test, production');
  });

  it.each([
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['PORT', '1e3'],
    ['SESSION_TTL_MINUTES', '0'],
    ['SESSION_TTL_MINUTES', String(24 * 60 + 1)],
    ['INVITE_TTL_HOURS', String(24 * 30 + 1)],
    ['LOGO_MAX_BYTES', '1023'],
    ['UPLOAD_MAX_INPUT_PIXELS', '9999'],
  ] as const)('refuses %s=%s as out of range', (name, value) => {
    expect(configError({ [name]: value }).problems).toEqual([expect.stringContaining(`${name} must be a whole number`)]);
  });

  it('accepts the range limits themselves', () => {
    const config = loadConfig({ PORT: '0', SESSION_TTL_MINUTES: '1440', INVITE_TTL_HOURS: '720', LOGO_MAX_BYTES: '1024' });
    expect([config.port, config.auth.sessionTtlMinutes, config.auth.inviteTtlHours, config.uploads.logoMaxBytes]).toEqual([0, 1440, 720, 1024]);
  });

  it('does not repeat a password from an unparseable URL', () => {
    const error = configError({ DATABASE_URL: 'postgres://ck:hunter2-secret@db:99999/ck', REDIS_URL: 'redis://:hunter2-secret@cache:port' });
    expect(error.problems).toHaveLength(2);
    expect(error.message).not.toContain('hunter2-secret');
    expect(error.message).toContain('DATABASE_URL must be a URL');
  });

  describe('S3', () => {
    it('requires both keys when S3_ENDPOINT is set', () => {
      for (const keys of [{}, { S3_ACCESS_KEY_ID: 'AKIA123' }, { S3_SECRET_ACCESS_KEY: 'shh' }]) {
        expect(configError({ S3_ENDPOINT: 'https://s3.example.com', ...keys }).problems).toEqual([
          'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required when S3_ENDPOINT is set',
        ]);
      }
    });

    it('uses the endpoint and keys when all are set', () => {
      const config = loadConfig({ S3_ENDPOINT: 'https://s3.example.com', S3_ACCESS_KEY_ID: 'AKIA123', S3_SECRET_ACCESS_KEY: 'shh', S3_BUCKET: 'ck-assets' });
      expect(config.storage).toMatchObject({ endpoint: 'https://s3.example.com', accessKeyId: 'AKIA123', secretAccessKey: 'shh', bucket: 'ck-assets' });
    });

    it('does not require keys for the embedded server (no S3_ENDPOINT)', () => {
      expect(loadConfig({}).storage.endpoint).toBeNull();
    });

    it('lists the missing keys alongside the other problems', () => {
      const error = configError({ S3_ENDPOINT: 'https://s3.example.com', PORT: 'x' });
      expect(error.problems).toHaveLength(2);
      expect(error.problems.join('\n')).toMatch(/PORT[\s\S]*S3_ACCESS_KEY_ID/);
    });
  });
});
