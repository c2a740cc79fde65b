import type { AppConfig } from '@app/core';

/**
 * Public pages served to recipients and scanners, at any rate they like: a per-request log line there
 * costs more than the page. Their requests are logged at debug level only; errors still are.
 */
const PUBLIC_PATH = /^\/(?:l|o|p|media|u|v)(?:[/?]|$)/;

export function isPublicPath(url: string | undefined): boolean {
  return url !== undefined && PUBLIC_PATH.test(url);
}

/** `auto`: readable text on a terminal outside production (a newcomer's first run), JSON for machines. */
export function resolveLogFormat(config: Pick<AppConfig, 'logFormat' | 'nodeEnv'>, isTty = process.stdout.isTTY === true): 'json' | 'text' {
  if (config.logFormat !== 'auto') return config.logFormat;
  return isTty && config.nodeEnv !== 'production' ? 'text' : 'json';
}

const LEVEL_NAMES: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[35m'],
  30: ['INFO ', '\x1b[32m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[41m'],
};

interface PinoLine {
  level?: number;
  time?: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string; stack?: string };
}

/** Fastify's (pino's) request lines as one readable line each, for `LOG_FORMAT=text` without pino-pretty. */
export function textLogStream(colors: boolean, out: NodeJS.WritableStream = process.stdout): { write(line: string): void } {
  const paint = (code: string, text: string) => (colors ? `${code}${text}\x1b[0m` : text);
  return {
    write(line: string) {
      let entry: PinoLine;
      try {
        entry = JSON.parse(line) as PinoLine;
      } catch {
        out.write(line);
        return;
      }
      const [name, code] = LEVEL_NAMES[entry.level ?? 30] ?? LEVEL_NAMES[30]!;
      const time = new Date(entry.time ?? Date.now()).toISOString().slice(11, 23);
      const parts = [paint('\x1b[90m', time), paint(code, name)];
      if (entry.reqId) parts.push(paint('\x1b[90m', entry.reqId.slice(0, 8)));
      if (entry.req) parts.push(`→ ${entry.req.method ?? ''} ${entry.req.url ?? ''}`);
      else if (entry.res) parts.push(`← ${entry.res.statusCode ?? ''} ${entry.responseTime !== undefined ? `${entry.responseTime.toFixed(1)} ms` : ''}`);
      else parts.push(entry.msg ?? '');
      if (entry.err) parts.push(entry.err.stack ?? entry.err.message ?? '');
      out.write(`${parts.join(' ')}\n`);
    },
  };
}
