import fs from 'node:fs';
import path from 'node:path';
import { BannerRenderer } from './banner-renderer';
import { BrandTokens } from './brand-kit.service';
import { emailTextSource, socialLengths } from './cobrand.service';
import { analyseTemplate } from './handlebars-engine';
import { PartnerProfileValues, resolveFieldValues } from './field-values';
import { BannerSpec, SocialSpec } from './manifest';
import { validateManifest } from './manifest-validator';
import { compileHandlebars, compileMjml } from './template-compiler';
import { listTemplateFolders, readTemplateFolder, TemplateFolder } from './template-loader.service';

/**
 * Golden files: every shipped template in templates/, rendered with fixed inputs (brand kit,
 * partner profile, recipient, links, the manifest's defaults), compared byte for byte with
 * __golden__/<key>.*. A change to a template, the layout, MJML, the compiler or the helpers shows
 * up here as a diff to review. `UPDATE_GOLDEN=1 npx jest libs/brand/src/golden.spec.ts` rewrites
 * the files instead of comparing.
 */

const REPO = path.resolve(__dirname, '../../..');
const TEMPLATES = path.join(REPO, 'templates');
const FONTS = path.join(REPO, 'assets', 'fonts');
const GOLDEN = path.join(__dirname, '__golden__');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const BRAND: BrandTokens = {
  primary: '#0B5FFF',
  secondary: '#00C2A8',
  accent: '#FFB020',
  text: '#1B1F24',
  background: '#FFFFFF',
  logoUrl: 'https://media.example/brand/acme-cloud-logo.png',
  legalFooter: '© 2026 Acme Cloud, Inc. All rights reserved.',
  name: 'Acme Cloud',
  fontHeading: 'Inter, Helvetica, Arial, sans-serif',
  fontBody: 'Inter, Helvetica, Arial, sans-serif',
};
const PALETTE = [BRAND.primary, BRAND.secondary, BRAND.accent, BRAND.text, BRAND.background];

const PARTNER: PartnerProfileValues = {
  logo: 'https://media.example/logo.png',
  name: 'Northwind IT',
  phone: '+1 312 555 0142',
  address: '200 W Madison St\nChicago, IL 60606, USA',
  website: 'https://northwind-it.example',
  disclaimer: 'Northwind IT is an authorised Acme Cloud partner. Offers are subject to availability and local terms.',
  colour: '#1F3A68',
};
const RECIPIENT = { firstName: 'Alex', lastName: 'Sample', email: 'alex.sample@example.com', company: 'Example Corp' };
const EMAIL_LINKS = { unsubscribe: 'https://ck.example/u/golden', viewInBrowser: 'https://ck.example/v/golden' };
const LANDING_LINKS = { leadForm: 'https://ck.example/p/northwind-it/golden/lead' };

/** As the service does for subjects and preheaders: one line, whitespace collapsed. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The files one template renders to: suffix (`.html`, `.txt`, …) → content. */
async function render(folder: TemplateFolder): Promise<Record<string, string>> {
  const { content } = folder;
  const { manifest, problems } = validateManifest(content.manifest, PALETTE);
  expect(problems).toEqual([]);
  // Defaults only: what a partner sees before editing anything.
  const values = resolveFieldValues(manifest, PARTNER, {});
  switch (content.kind) {
    case 'email':
    case 'landing_page': {
      const extraUses = [content.subject ?? '', content.preheader ?? ''].flatMap((text) => analyseTemplate(text).uses);
      const compiled = await compileMjml(content.body ?? '', manifest, content.kind, content.kind === 'email' ? extraUses : []);
      expect(compiled.problems).toEqual([]);
      if (content.kind === 'landing_page') {
        return { '.html': compileHandlebars(compiled.html, 'html')({ ...values, brand: BRAND, links: LANDING_LINKS }) };
      }
      const context = { ...values, brand: BRAND, recipient: RECIPIENT, links: EMAIL_LINKS };
      return {
        '.html': compileHandlebars(compiled.html, 'html')(context),
        '.txt': compileHandlebars(emailTextSource(compiled.html), 'text')(context),
        '.subject.txt': `${oneLine(compileHandlebars(content.subject ?? '', 'text')(context))}\n`,
        '.preheader.txt': `${oneLine(compileHandlebars(content.preheader ?? '', 'text')(context))}\n`,
      };
    }
    case 'social_post': {
      const text = compileHandlebars(content.body ?? '', 'text')({ ...values, brand: BRAND }).trim();
      const lengths = socialLengths(text, (content.social as unknown as SocialSpec).networks);
      return {
        '.txt': `${text}\n`,
        '.lengths.json': `${JSON.stringify(lengths, null, 2)}\n`,
      };
    }
    case 'banner': {
      // The image itself depends on the libvips build; what it says and how each zone's text is set does not.
      const spec = content.banner as unknown as BannerSpec;
      const renderer = new BannerRenderer({ fontsDir: FONTS, maxInputPixels: 100_000_000 });
      const zones = [];
      for (const zone of spec.zones) {
        if (zone.type === 'logo') zones.push({ type: zone.type, field: zone.field, value: values[zone.field] ?? '' });
        else zones.push({ type: zone.type, field: zone.field, value: values[zone.field] ?? '', fit: await renderer.fitText(zone, values[zone.field] ?? '') });
      }
      return { '.zones.json': `${JSON.stringify({ width: spec.width, height: spec.height, format: spec.format, zones }, null, 2)}\n` };
    }
  }
}

describe('golden files of the shipped templates', () => {
  const folders: TemplateFolder[] = [];

  beforeAll(async () => {
    for (const dir of await listTemplateFolders(TEMPLATES)) folders.push(await readTemplateFolder(TEMPLATES, dir));
    if (UPDATE) fs.mkdirSync(GOLDEN, { recursive: true });
  });

  it('finds every shipped template (3 emails, a landing page, 2 banners, a social post)', () => {
    const byKind = (kind: string) => folders.filter((f) => f.content.kind === kind).map((f) => f.content.key).sort();
    expect(byKind('email')).toEqual(['follow-up', 'product-launch', 'webinar-invitation']);
    expect(byKind('landing_page')).toEqual(['backup-5-trial']);
    expect(byKind('banner')).toEqual(['display-300x250', 'social-banner-1200x628']);
    expect(byKind('social_post')).toEqual(['backup-5-announcement']);
  });

  it('renders every shipped template exactly as its golden files', async () => {
    const expected = new Set<string>();
    const mismatches: string[] = [];
    for (const folder of folders) {
      const files = await render(folder);
      for (const [suffix, actual] of Object.entries(files)) {
        const name = `${folder.content.key}${suffix}`;
        expected.add(name);
        const file = path.join(GOLDEN, name);
        if (UPDATE) {
          fs.writeFileSync(file, actual);
          continue;
        }
        if (!fs.existsSync(file)) {
          mismatches.push(`${name}: no golden file (run with UPDATE_GOLDEN=1 to create it)`);
          continue;
        }
        if (fs.readFileSync(file, 'utf8') !== actual) mismatches.push(firstDifference(name, fs.readFileSync(file, 'utf8'), actual));
      }
    }
    if (UPDATE) {
      for (const stale of fs.readdirSync(GOLDEN).filter((name) => !expected.has(name))) fs.rmSync(path.join(GOLDEN, stale));
    }
    const stale = fs.existsSync(GOLDEN) ? fs.readdirSync(GOLDEN).filter((name) => !expected.has(name)) : [];
    expect(stale).toEqual([]);
    expect(mismatches).toEqual([]);
  });

  it('renders deterministically: the same inputs give the same bytes twice', async () => {
    const email = folders.find((f) => f.content.key === 'product-launch')!;
    expect(await render(email)).toEqual(await render(email));
  });

  it('keeps the golden renderings meaningful: partner, brand and defaults are filled in, no expression is left', () => {
    const read = (name: string) => fs.readFileSync(path.join(GOLDEN, name), 'utf8');
    const html = read('product-launch.html');
    expect(html).toContain('src="https://media.example/logo.png"');
    expect(html).toContain('alt="Northwind IT"');
    expect(html).toContain('<p>200 W Madison St<br>Chicago, IL 60606, USA</p>');
    expect(html).toContain('Meet Acme Cloud Backup 5: immutable backups, restored in minutes');
    expect(html).toContain('href="https://ck.example/u/golden"');
    expect(html).toContain('Hi Alex,');
    expect(read('product-launch.subject.txt')).toBe('Meet Acme Cloud Backup 5: immutable backups, restored in minutes\n');
    expect(read('webinar-invitation.subject.txt')).toBe("You're invited: Ransomware-ready recovery with Acme Cloud Backup 5\n");
    expect(read('webinar-invitation.html')).toContain('1 December 2026, 15:00 CET');
    expect(read('product-launch.txt')).toContain('Northwind IT');
    expect(read('product-launch.txt')).not.toMatch(/<[a-z]/i);
    expect(read('backup-5-trial.html')).toContain('action="https://ck.example/p/northwind-it/golden/lead"');
    expect(read('backup-5-announcement.txt')).toContain('Ask Northwind IT about a free 30-day trial.');
    for (const name of fs.readdirSync(GOLDEN)) expect({ name, leftover: /\{\{|\}\}/.test(read(name)) }).toEqual({ name, leftover: false });
  });
});

/** A readable pointer to where a golden file and the rendering part ways. */
function firstDifference(name: string, golden: string, actual: string): string {
  let i = 0;
  while (i < golden.length && i < actual.length && golden[i] === actual[i]) i++;
  const line = golden.slice(0, i).split('\n').length;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, i - 40), i + 60));
  return `${name}: differs at line ${line}: golden ${around(golden)} vs rendered ${around(actual)} (run with UPDATE_GOLDEN=1 if the change is intended)`;
}
