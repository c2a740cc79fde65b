import { isPrefetch, parseUserAgent } from './user-agent';

describe('parseUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', 'Chrome'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.2849.68', 'Edge'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0', 'Firefox'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', 'Safari'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0 Mobile/15E148 Safari/604.1', 'Chrome'],
    ['Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)', 'Outlook'],
  ])('names the browser family of %s', (ua, family) => {
    expect(parseUserAgent(ua)).toEqual({ family, bot: false, scanner: false });
  });

  it.each([
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Googlebot'],
    ['Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'Slackbot'],
    ['facebookexternalhit/1.1', 'Facebook'],
    ['LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)', 'LinkedInBot'],
    ['curl/8.5.0', 'HTTP client'],
    ['python-requests/2.32.3', 'HTTP client'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36', 'Headless'],
    ['SomeCrawler/1.0', 'Bot'],
  ])('flags %s as a bot', (ua, family) => {
    expect(parseUserAgent(ua)).toEqual({ family, bot: true, scanner: false });
  });

  it('treats an empty or missing user agent as a bot', () => {
    expect(parseUserAgent('')).toMatchObject({ bot: true });
    expect(parseUserAgent(undefined)).toMatchObject({ bot: true });
    expect(parseUserAgent('   ')).toMatchObject({ bot: true });
  });

  it.each([
    ['Mozilla/5.0 (Windows NT 10.0) Microsoft Office Protection SafeLinks', 'Microsoft Safe Links'],
    ['Proofpoint URL Defense', 'Proofpoint'],
    ['Mimecast URL Protect', 'Mimecast'],
    ['Barracuda Sentinel (EE)', 'Barracuda'],
  ])('flags the mail scanner %s', (ua, family) => {
    expect(parseUserAgent(ua)).toEqual({ family, bot: false, scanner: true });
  });

  it('calls an unrecognised agent Other, not a bot', () => {
    expect(parseUserAgent('Mozilla/5.0 SomethingNew/1.0')).toEqual({ family: 'Other', bot: false, scanner: false });
  });
});

describe('isPrefetch', () => {
  it('recognises the prefetch headers browsers send', () => {
    expect(isPrefetch({ purpose: 'prefetch' })).toBe(true);
    expect(isPrefetch({ 'sec-purpose': 'prefetch;prerender' })).toBe(true);
    expect(isPrefetch({ 'x-moz': 'prefetch' })).toBe(true);
    expect(isPrefetch({ accept: 'text/html' })).toBe(false);
  });
});
