import path from 'node:path';

/** `deps` runs only the embedded parts (PostgreSQL, S3, SMTP catcher) for a separate api and worker. */
export type AppRole = 'all' | 'api' | 'worker' | 'deps';
export type NodeEnv = 'development' | 'test' | 'production';

/** The whole validated configuration. Built once by `loadConfig`; nothing else reads `process.env`. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  role: AppRole;
  host: string;
  /** Trust X-Forwarded-For from this many proxy hops (0: use the socket address). */
  trustProxyHops: number;
  port: number;
  /** Socket deadlines of the HTTP server, in ms (0 turns one off): slow or idle clients are cut. */
  httpTimeouts: { headersMs: number; requestMs: number; keepAliveMs: number; idleSocketMs: number };
  publicUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** `auto`: readable text on a terminal outside production, JSON otherwise (resolved by the launcher). */
  logFormat: 'auto' | 'json' | 'text';
  /**
   * How long a public-page cache entry (a link, a landing page) lives: a safety net only, since every change
   * is announced to every process at commit (PostgreSQL NOTIFY) and dropped at once.
   */
  publicCacheTtlMs: number;
  assetsDir: string;
  templatesDir: string;
  dataDir: string;
  seedDemo: boolean;
  /** SIGTERM/SIGINT: how long the drain (in-flight requests, the click buffer, running jobs) may take before the process gives up and exits 1. */
  shutdownTimeoutMs: number;
  /** A worker heartbeat older than this makes /health degraded and /health/ready 503. */
  heartbeatMaxAgeMs: number;
  /** The click buffer is written at least this often, and at once when it holds `flushBatchSize` clicks: together, what a kill -9 can lose. */
  clicks: { flushIntervalMs: number; flushBatchSize: number };
  database: { url: string | null; embeddedPort: number; poolSize: number };
  queue: { redisUrl: string | null; prefix: string };
  storage: {
    endpoint: string | null;
    region: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string;
    forcePathStyle: boolean;
    embeddedPort: number;
    presignTtlSeconds: number;
  };
  mail: {
    smtpUrl: string | null;
    from: string;
    embeddedPort: number;
    inboxPort: number;
    /** The vendor's sending domain: From addresses of partner mail and every Message-ID. */
    sendingDomain: string;
    /** The vendor's name in "Partner via Vendor". */
    vendorName: string;
    /** `partner`: "Partner Name"; `partner-via-vendor`: "Partner Name via Vendor". */
    partnerDisplay: 'partner' | 'partner-via-vendor';
    dkim: { selector: string; privateKey: string } | null;
    /** Messages per hour: per sender domain, per partner, and in all. */
    rateLimits: { perDomainHour: number; perPartnerHour: number; globalHour: number };
    /** SMTP connections the sender keeps open. */
    poolSize: number;
    /** Shared secret of the provider events webhook (bounces, complaints, replies); null: the webhook is off. */
    webhookSecret: string | null;
  };
  auth: {
    sessionTtlMinutes: number;
    inviteTtlHours: number;
    loginMaxFailures: number;
    loginWindowMinutes: number;
  };
  uploads: { logoMaxBytes: number; maxInputPixels: number; imageDeadlineMs: number; imageProcesses: number; imageMaxMemoryMb: number };
  assets: {
    /** Days before expiry when owners and partners are warned, largest first (the `expiring` window is the largest). */
    warningDays: number[];
    /** Largest upload per kind of file, in bytes. */
    maxBytes: { image: number; video: number; document: number };
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Every variable the platform reads, with its default. `.env.example` mirrors this list. */
export const CONFIG_VARIABLES = {
  NODE_ENV: 'development',
  APP_ROLE: 'all',
  HOST: '127.0.0.1',
  PORT: '3000',
  TRUST_PROXY_HOPS: '0',
  HTTP_HEADERS_TIMEOUT_MS: '15000',
  HTTP_REQUEST_TIMEOUT_MS: '3600000',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '72000',
  HTTP_IDLE_SOCKET_TIMEOUT_MS: '120000',
  PUBLIC_URL: '',
  LOG_LEVEL: 'info',
  LOG_FORMAT: 'auto',
  PUBLIC_CACHE_TTL_SECONDS: '60',
  ASSETS_DIR: './assets',
  TEMPLATES_DIR: './templates',
  DATA_DIR: './.data',
  SEED_DEMO: 'true',
  SHUTDOWN_TIMEOUT_MS: '10000',
  WORKER_HEARTBEAT_MAX_AGE_MS: '90000',
  CLICK_FLUSH_INTERVAL_MS: '200',
  CLICK_FLUSH_BATCH_SIZE: '250',
  DATABASE_URL: '',
  DATABASE_POOL_SIZE: '10',
  EMBEDDED_PG_PORT: '54329',
  REDIS_URL: '',
  QUEUE_PREFIX: 'channelkit',
  S3_ENDPOINT: '',
  S3_REGION: 'us-east-1',
  S3_BUCKET: 'channelkit',
  S3_ACCESS_KEY_ID: '',
  S3_SECRET_ACCESS_KEY: '',
  S3_FORCE_PATH_STYLE: 'true',
  S3_PRESIGN_TTL_SECONDS: '300',
  EMBEDDED_S3_PORT: '4569',
  SMTP_URL: '',
  MAIL_FROM: 'ChannelKit <no-reply@channelkit.local>',
  EMBEDDED_SMTP_PORT: '1025',
  MAIL_INBOX_PORT: '1080',
  MAIL_SENDING_DOMAIN: '',
  MAIL_VENDOR_NAME: 'Acme Cloud',
  MAIL_PARTNER_DISPLAY: 'partner-via-vendor',
  DKIM_SELECTOR: '',
  DKIM_PRIVATE_KEY: '',
  MAIL_RATE_PER_DOMAIN_HOUR: '20000',
  MAIL_RATE_PER_PARTNER_HOUR: '5000',
  MAIL_RATE_GLOBAL_HOUR: '100000',
  MAIL_POOL_SIZE: '5',
  MAIL_WEBHOOK_SECRET: '',
  SESSION_TTL_MINUTES: '60',
  INVITE_TTL_HOURS: '72',
  LOGIN_MAX_FAILURES: '10',
  LOGIN_WINDOW_MINUTES: '15',
  LOGO_MAX_BYTES: '2097152',
  UPLOAD_MAX_INPUT_PIXELS: '25000000',
  UPLOAD_IMAGE_DEADLINE_MS: '10000',
  UPLOAD_IMAGE_PROCESSES: '1',
  UPLOAD_IMAGE_MAX_MEMORY_MB: '1024',
  ASSET_WARNING_DAYS: '30,7',
  ASSET_MAX_BYTES_IMAGE: '26214400',
  ASSET_MAX_BYTES_VIDEO: '1073741824',
  ASSET_MAX_BYTES_DOCUMENT: '104857600',
} as const;

export type ConfigVariable = keyof typeof CONFIG_VARIABLES;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: ConfigVariable): string {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? CONFIG_VARIABLES[name] : value.trim();
  }

  optional(name: ConfigVariable): string | null {
    const value = this.raw(name);
    return value === '' ? null : value;
  }

  oneOf<T extends string>(name: ConfigVariable, allowed: readonly T[]): T {
    const value = this.raw(name);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return allowed[0] as T;
  }

  int(name: ConfigVariable, min: number, max: number): number {
    const value = this.raw(name);
    const parsed = Number(value);
    if (/^-?\d+$/.test(value) && parsed >= min && parsed <= max) return parsed;
    this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
    return Number(CONFIG_VARIABLES[name]);
  }

  /** A comma-separated list of distinct whole days (1–365), returned largest first. */
  dayList(name: ConfigVariable): number[] {
    const value = this.raw(name);
    const days = value.split(',').map((d) => d.trim());
    if (days.length <= 5 && days.every((d) => /^\d{1,3}$/.test(d) && Number(d) >= 1 && Number(d) <= 365) && new Set(days.map(Number)).size === days.length) {
      return days.map(Number).sort((a, b) => b - a);
    }
    this.problems.push(`${name} must be up to 5 distinct whole days from 1 to 365, comma-separated (got "${value}")`);
    return String(CONFIG_VARIABLES[name]).split(',').map(Number).sort((a, b) => b - a);
  }

  bool(name: ConfigVariable): boolean {
    const value = this.raw(name).toLowerCase();
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return false;
  }

  url(name: ConfigVariable, protocols: string[]): string | null {
    const value = this.optional(name);
    if (value === null) return null;
    try {
      const parsed = new URL(value);
      if (protocols.includes(parsed.protocol)) return value;
      this.problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
    } catch {
      this.problems.push(`${name} must be a URL (got "${redact(value)}")`);
    }
    return null;
  }
}

function redact(value: string): string {
  // The user may be empty: `redis://:password@host` is the usual Redis form.
  return value.replace(/\/\/([^:/@]*):([^@]+)@/, '//$1:***@');
}

/** Reads and validates the environment; throws one ConfigError listing every bad variable. */
export function loadConfig(env: Env): AppConfig {
  const r = new Reader(env);
  const port = r.int('PORT', 0, 65535);
  const host = r.raw('HOST');
  const publicUrl = (r.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const s3Endpoint = r.url('S3_ENDPOINT', ['http:', 'https:']);
  const accessKeyId = r.optional('S3_ACCESS_KEY_ID');
  const secretAccessKey = r.optional('S3_SECRET_ACCESS_KEY');
  if (s3Endpoint !== null && (accessKeyId === null || secretAccessKey === null)) {
    r.problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required when S3_ENDPOINT is set');
  }
  const bucket = r.raw('S3_BUCKET');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    r.problems.push(`S3_BUCKET must be a valid bucket name (got "${bucket}")`);
  }
  const prefix = r.raw('QUEUE_PREFIX');
  if (!/^[a-zA-Z0-9_-]{1,40}$/.test(prefix)) {
    r.problems.push(`QUEUE_PREFIX must be 1-40 letters, digits, - or _ (got "${prefix}")`);
  }

  const mailFrom = r.raw('MAIL_FROM');
  const fromDomain = /@([a-z0-9.-]+)>?\s*$/i.exec(mailFrom)?.[1]?.toLowerCase() ?? null;
  const sendingDomain = (r.optional('MAIL_SENDING_DOMAIN') ?? fromDomain ?? '').toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(sendingDomain)) {
    r.problems.push(`MAIL_SENDING_DOMAIN must be a domain name, or MAIL_FROM must end in an address on one (got "${sendingDomain}")`);
  }
  const dkimSelector = r.optional('DKIM_SELECTOR');
  const dkimKey = r.optional('DKIM_PRIVATE_KEY')?.replace(/\\n/g, '\n') ?? null;
  if ((dkimSelector === null) !== (dkimKey === null)) r.problems.push('DKIM_SELECTOR and DKIM_PRIVATE_KEY are set together or not at all');
  else if (dkimKey !== null && !dkimKey.includes('PRIVATE KEY-----')) r.problems.push('DKIM_PRIVATE_KEY must be a PEM private key');
  const webhookSecret = r.optional('MAIL_WEBHOOK_SECRET');
  if (webhookSecret !== null && webhookSecret.length < 16) r.problems.push('MAIL_WEBHOOK_SECRET must be at least 16 characters');

  const httpTimeouts = {
    headersMs: r.int('HTTP_HEADERS_TIMEOUT_MS', 100, 600_000),
    requestMs: r.int('HTTP_REQUEST_TIMEOUT_MS', 0, 86_400_000),
    keepAliveMs: r.int('HTTP_KEEP_ALIVE_TIMEOUT_MS', 100, 600_000),
    idleSocketMs: r.int('HTTP_IDLE_SOCKET_TIMEOUT_MS', 0, 3_600_000),
  };
  if (httpTimeouts.requestMs > 0 && httpTimeouts.requestMs < httpTimeouts.headersMs) {
    // Node refuses a server whose headers may take longer than the whole request.
    r.problems.push('HTTP_REQUEST_TIMEOUT_MS must be 0 or at least HTTP_HEADERS_TIMEOUT_MS');
  }

  const config: AppConfig = {
    nodeEnv: r.oneOf('NODE_ENV', ['development', 'test', 'production'] as const),
    role: r.oneOf('APP_ROLE', ['all', 'api', 'worker', 'deps'] as const),
    host,
    trustProxyHops: r.int('TRUST_PROXY_HOPS', 0, 10),
    port,
    httpTimeouts,
    publicUrl,
    logLevel: r.oneOf('LOG_LEVEL', ['info', 'debug', 'warn', 'error'] as const),
    logFormat: r.oneOf('LOG_FORMAT', ['auto', 'json', 'text'] as const),
    publicCacheTtlMs: r.int('PUBLIC_CACHE_TTL_SECONDS', 1, 7 * 24 * 3600) * 1000,
    assetsDir: path.resolve(r.raw('ASSETS_DIR')),
    templatesDir: path.resolve(r.raw('TEMPLATES_DIR')),
    dataDir: path.resolve(r.raw('DATA_DIR')),
    seedDemo: r.bool('SEED_DEMO'),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 1_000, 600_000),
    heartbeatMaxAgeMs: r.int('WORKER_HEARTBEAT_MAX_AGE_MS', 35_000, 24 * 3_600_000),
    clicks: { flushIntervalMs: r.int('CLICK_FLUSH_INTERVAL_MS', 10, 60_000), flushBatchSize: r.int('CLICK_FLUSH_BATCH_SIZE', 1, 5_000) },
    database: {
      url: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
      embeddedPort: r.int('EMBEDDED_PG_PORT', 1024, 65535),
      poolSize: r.int('DATABASE_POOL_SIZE', 1, 200),
    },
    queue: { redisUrl: r.url('REDIS_URL', ['redis:', 'rediss:']), prefix },
    storage: {
      endpoint: s3Endpoint,
      region: r.raw('S3_REGION'),
      bucket,
      accessKeyId: accessKeyId ?? 'S3RVER',
      secretAccessKey: secretAccessKey ?? 'S3RVER',
      forcePathStyle: r.bool('S3_FORCE_PATH_STYLE'),
      embeddedPort: r.int('EMBEDDED_S3_PORT', 0, 65535),
      presignTtlSeconds: r.int('S3_PRESIGN_TTL_SECONDS', 10, 3600),
    },
    mail: {
      smtpUrl: r.url('SMTP_URL', ['smtp:', 'smtps:']),
      from: mailFrom,
      embeddedPort: r.int('EMBEDDED_SMTP_PORT', 0, 65535),
      inboxPort: r.int('MAIL_INBOX_PORT', 0, 65535),
      sendingDomain,
      vendorName: r.raw('MAIL_VENDOR_NAME').slice(0, 100),
      partnerDisplay: r.oneOf('MAIL_PARTNER_DISPLAY', ['partner-via-vendor', 'partner'] as const),
      dkim: dkimSelector !== null && dkimKey !== null ? { selector: dkimSelector, privateKey: dkimKey } : null,
      rateLimits: {
        perDomainHour: r.int('MAIL_RATE_PER_DOMAIN_HOUR', 1, 10_000_000),
        perPartnerHour: r.int('MAIL_RATE_PER_PARTNER_HOUR', 1, 10_000_000),
        globalHour: r.int('MAIL_RATE_GLOBAL_HOUR', 1, 100_000_000),
      },
      poolSize: r.int('MAIL_POOL_SIZE', 1, 50),
      webhookSecret,
    },
    auth: {
      sessionTtlMinutes: r.int('SESSION_TTL_MINUTES', 1, 24 * 60),
      inviteTtlHours: r.int('INVITE_TTL_HOURS', 1, 24 * 30),
      loginMaxFailures: r.int('LOGIN_MAX_FAILURES', 1, 1000),
      loginWindowMinutes: r.int('LOGIN_WINDOW_MINUTES', 1, 24 * 60),
    },
    uploads: {
      logoMaxBytes: r.int('LOGO_MAX_BYTES', 1024, 50 * 1024 * 1024),
      maxInputPixels: r.int('UPLOAD_MAX_INPUT_PIXELS', 10_000, 268_402_689),
      imageDeadlineMs: r.int('UPLOAD_IMAGE_DEADLINE_MS', 100, 300_000),
      imageProcesses: r.int('UPLOAD_IMAGE_PROCESSES', 1, 32),
      imageMaxMemoryMb: r.int('UPLOAD_IMAGE_MAX_MEMORY_MB', 128, 65_536),
    },
    assets: {
      warningDays: r.dayList('ASSET_WARNING_DAYS'),
      maxBytes: {
        image: r.int('ASSET_MAX_BYTES_IMAGE', 1024, 1024 ** 3),
        video: r.int('ASSET_MAX_BYTES_VIDEO', 1024, 20 * 1024 ** 3),
        document: r.int('ASSET_MAX_BYTES_DOCUMENT', 1024, 5 * 1024 ** 3),
      },
    },
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}
