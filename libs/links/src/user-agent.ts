/**
 * A deliberately small user-agent classifier: enough to name the family in reports and to flag
 * bots and mail security scanners. Order matters: Edge and Outlook carry "Chrome", Chrome carries
 * "Safari".
 */
export interface UserAgentInfo {
  family: string;
  bot: boolean;
  scanner: boolean;
}

// Mail security scanners that pre-click every link of a message before (or instead of) the reader.
const SCANNERS: [RegExp, string][] = [
  [/safelinks|safe ?links|microsoft office protection|bingpreview/i, 'Microsoft Safe Links'],
  [/proofpoint|urldefense/i, 'Proofpoint'],
  [/mimecast/i, 'Mimecast'],
  [/barracuda/i, 'Barracuda'],
  [/symantec|messagelabs|broadcom/i, 'Symantec'],
  [/cisco|ironport/i, 'Cisco IronPort'],
  [/trend ?micro/i, 'Trend Micro'],
  [/sophos/i, 'Sophos'],
  [/forcepoint|websense/i, 'Forcepoint'],
  [/fortinet|fortiguard/i, 'Fortinet'],
];

const BOTS: [RegExp, string][] = [
  [/googlebot|google-inspectiontool|adsbot-google|feedfetcher-google/i, 'Googlebot'],
  [/bingbot|msnbot/i, 'Bingbot'],
  [/slackbot|slack-imgproxy/i, 'Slackbot'],
  [/twitterbot/i, 'Twitterbot'],
  [/facebookexternalhit|facebot|meta-externalagent/i, 'Facebook'],
  [/linkedinbot/i, 'LinkedInBot'],
  [/discordbot/i, 'Discordbot'],
  [/telegrambot/i, 'TelegramBot'],
  [/whatsapp/i, 'WhatsApp'],
  [/applebot/i, 'Applebot'],
  [/yandex/i, 'YandexBot'],
  [/baiduspider/i, 'Baiduspider'],
  [/duckduckbot/i, 'DuckDuckBot'],
  [/ahrefsbot|semrushbot|mj12bot|dotbot|petalbot|bytespider|gptbot|claudebot|ccbot/i, 'Crawler'],
  [/headlesschrome|phantomjs|puppeteer|playwright|selenium/i, 'Headless'],
  [/curl\/|wget\/|python-requests|python-urllib|go-http-client|java\/|okhttp|axios|node-fetch|undici|libwww-perl|httpclient/i, 'HTTP client'],
  [/bot\b|crawler|spider|crawling|preview|scanner|monitor|uptime/i, 'Bot'],
];

const BROWSERS: [RegExp, string][] = [
  [/microsoft outlook|ms-office|outlook-ios|outlook-android|\boutlook\//i, 'Outlook'],
  [/thunderbird/i, 'Thunderbird'],
  [/edg(e|a|ios)?\//i, 'Edge'],
  [/opr\/|opera/i, 'Opera'],
  [/samsungbrowser/i, 'Samsung Internet'],
  [/firefox\/|fxios\//i, 'Firefox'],
  [/chrome\/|crios\/|chromium\//i, 'Chrome'],
  [/safari\//i, 'Safari'],
  [/applewebkit/i, 'Safari'],
];

// The same few hundred user agents make most clicks: remember their verdicts (bounded).
const memo = new Map<string, UserAgentInfo>();
const MEMO_MAX = 2_000;

export function parseUserAgent(ua: string | undefined | null): UserAgentInfo {
  const key = ua ?? '';
  const known = memo.get(key);
  if (known) return known;
  const info = classify(key);
  if (memo.size >= MEMO_MAX) memo.clear();
  if (key.length <= 512) memo.set(key, info);
  return info;
}

function classify(ua: string): UserAgentInfo {
  const value = (ua ?? '').trim();
  if (value === '') return { family: 'Empty', bot: true, scanner: false };
  for (const [pattern, family] of SCANNERS) if (pattern.test(value)) return { family, bot: false, scanner: true };
  for (const [pattern, family] of BOTS) if (pattern.test(value)) return { family, bot: true, scanner: false };
  for (const [pattern, family] of BROWSERS) if (pattern.test(value)) return { family, bot: false, scanner: false };
  return { family: 'Other', bot: false, scanner: false };
}

/** Browsers announce speculative loads; they are not a person clicking. */
export function isPrefetch(headers: Record<string, string | string[] | undefined>): boolean {
  const values = [headers['purpose'], headers['sec-purpose'], headers['x-moz'], headers['x-purpose']];
  return values.some((v) => typeof v === 'string' && /prefetch|preview|prerender/i.test(v));
}
