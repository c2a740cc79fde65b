/**
 * `npm run bench:render`: the rendering engine against bare baselines, all measured in this run on the
 * shipped content (templates/emails/product-launch, templates/banners/social-banner-1200x628), without a
 * database.
 *
 * - render-vs-handlebars: one recipient's email (HTML, text part, subject, preheader) ÷ one bare
 *   `Handlebars.compile(compiledHtml)` run (stock options, its context built beforehand) with the same
 *   data. Our per-recipient cost should stay close to the one template run it cannot avoid.
 * - mjml-per-recipient-vs-render: what a naive system pays per recipient (mjml2html on the MJML with the
 *   values already substituted; the substitution is not timed, and MJML skips validation, both in its
 *   favour) ÷ our per-recipient render. Compiling MJML once per version is the point of the design.
 * - banner-vs-bare-sharp: co-branded banner renders/s ÷ renders/s of one bare sharp composite of the same
 *   decoded base image, the same resized logo on the same plate, the same tagline and a freshly drawn
 *   headline, encoded with the same JPEG settings, 8 renders in flight. Every render in both runs has a
 *   headline never seen before (the shipped default plus a fixed-width tag, so all wrap alike), so neither
 *   side can reuse a drawn headline; the renderer keeps its legitimate caches of the background, logo,
 *   plate and the locked tagline. The renderer fits the headline itself; the baseline is handed the size.
 *
 * The machine may be shared: each target is the median of short interleaved rounds, and the CPU time per
 * banner is printed beside the throughput.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import sharp, { CreateText, OverlayOptions, Sharp } from 'sharp';
import {
  analyseTemplate,
  BannerInput,
  BannerRenderer,
  BannerSpec,
  BrandTokens,
  CompiledVersion,
  compileHandlebars,
  compileMjml,
  emailRenderer,
  emailTextSource,
  escapePangoMarkup,
  formatDate,
  listTemplateFolders,
  LogoZone,
  Manifest,
  paragraphsHtml,
  PartnerProfileValues,
  readTemplateFolder,
  RecipientValues,
  resolveFieldValues,
  TemplateFolder,
  TextZone,
  validateBanner,
  validateManifest,
  VariableUse,
} from '@app/brand';
import { benchLine } from './load';

const ROOT = path.resolve(__dirname, '..');
const TEMPLATES = path.join(ROOT, 'templates');
const FONTS_DIR = path.join(ROOT, 'assets', 'fonts');
const PARTNER_LOGO = path.join(ROOT, 'assets', 'partners', 'northwind-it.png');
const PUBLIC_URL = 'https://channelkit.example';
const MAX_INPUT_PIXELS = 25_000_000;

/** Distinct recipients, cycled through, so nothing is rendered twice in a row. */
const RECIPIENTS = 64;
const EMAIL_WARMUP = 3_000;
const EMAIL_ROUNDS = 7;
const EMAIL_PER_ROUND = 2_000;
const MJML_WARMUP = 5;
const MJML_RUNS = 40;
const BANNER_IN_FLIGHT = 8;
const BANNER_WARMUP = 3 * BANNER_IN_FLIGHT;
const BANNER_ROUNDS = 6;
const BANNER_PER_ROUND = 48;

// The partner from the demo data, as its profile reaches templates.
const PROFILE: PartnerProfileValues = {
  logo: `${PUBLIC_URL}/media/partners/northwind-it-3f2a9c1e.png`,
  name: 'Northwind IT',
  phone: '+1 312 555 0142',
  address: '200 W Madison St\nChicago, IL 60606\nUSA',
  website: 'https://northwind-it.example',
  disclaimer: 'Northwind IT is an independent reseller. Offers are subject to availability.\n\nNorthwind IT, 200 W Madison St, Chicago.',
  colour: '#1F3A68',
};
const EDITS = { headline: 'Acme Cloud Backup 5 is here: backups ransomware can’t touch', ctaLabel: 'Talk to us' };

/** Defeats dead-code elimination: every result's size is added here and checked at the end. */
let sink = 0;

async function folder(key: string): Promise<TemplateFolder> {
  for (const dir of await listTemplateFolders(TEMPLATES)) {
    const read = await readTemplateFolder(TEMPLATES, dir);
    if (read.content.key === key) return read;
  }
  throw new Error(`templates/ has no ${key}`);
}

async function brandKit(): Promise<{ tokens: BrandTokens; palette: string[]; colours: Record<string, string> }> {
  const kit = JSON.parse(await fs.readFile(path.join(ROOT, 'assets', 'vendor', 'brand-kit.json'), 'utf8')) as {
    name: string;
    colours: Record<'primary' | 'secondary' | 'accent' | 'text' | 'background', string>;
    fonts: { heading: string; body: string };
    legalFooter: string;
  };
  // As BrandKitService.tokens builds them.
  const tokens: BrandTokens = {
    ...kit.colours,
    logoUrl: `${PUBLIC_URL}/media/brand/logo-5c1d2e3f4a5b6c7d.png`,
    legalFooter: kit.legalFooter,
    name: kit.name,
    fontHeading: `${kit.fonts.heading}, Helvetica, Arial, sans-serif`,
    fontBody: `${kit.fonts.body}, Helvetica, Arial, sans-serif`,
  };
  const palette = Object.values(kit.colours);
  const colours = Object.fromEntries(Object.entries(kit.colours).map(([k, v]) => [`brand.${k}`, v]));
  return { tokens, palette, colours };
}

function manifestOf(content: TemplateFolder['content'], palette: string[]): Manifest {
  const { manifest, problems } = validateManifest(content.manifest, palette);
  if (problems.length > 0) throw new Error(`${content.key}: ${JSON.stringify(problems)}`);
  return manifest;
}

function recipient(i: number): { recipient: RecipientValues; links: { unsubscribe: string; viewInBrowser: string } } {
  const token = (0x9e3779b1 * (i + 1)).toString(36).padStart(8, '0');
  return {
    recipient: { firstName: `Jordan${i}`, lastName: `Lee${i}`, email: `jordan.lee${i}@customer${i % 7}.example`, company: `Customer ${i % 7} Ltd` },
    links: { unsubscribe: `${PUBLIC_URL}/u/${token}`, viewInBrowser: `${PUBLIC_URL}/v/${token}` },
  };
}

/** Time per call in µs of `fn(i)` over `count` calls. */
function perCall(count: number, offset: number, fn: (i: number) => number): number {
  const started = performance.now();
  for (let i = 0; i < count; i++) sink += fn(offset + i);
  return ((performance.now() - started) * 1000) / count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function emailBench(palette: string[], tokens: BrandTokens): Promise<{ renderUs: number; bareUs: number; ratio: number; mjmlUs: number }> {
  const { content } = await folder('product-launch');
  const manifest = manifestOf(content, palette);
  const extraUses: VariableUse[] = [content.subject ?? '', content.preheader ?? ''].flatMap((text) => analyseTemplate(text).uses);
  const { html, problems } = await compileMjml(content.body ?? '', manifest, 'email', extraUses);
  if (problems.length > 0) throw new Error(`product-launch: ${JSON.stringify(problems)}`);

  // As CoBrandService compiles a published email version, once.
  const compiled: CompiledVersion = {
    html: compileHandlebars(html, 'html'),
    text: compileHandlebars(emailTextSource(html), 'text'),
    subject: compileHandlebars(content.subject ?? '', 'text'),
    preheader: compileHandlebars(content.preheader ?? '', 'text'),
  };
  const values = resolveFieldValues(manifest, PROFILE, EDITS);
  const prepared = emailRenderer(compiled, values, tokens);

  // The baseline: stock Handlebars (default options), with only the two helpers the HTML calls.
  const bareEngine = Handlebars.create();
  bareEngine.registerHelper('paragraphs', (value: string) => new bareEngine.SafeString(paragraphsHtml(value)));
  bareEngine.registerHelper('formatDate', (value: string) => formatDate(value));
  const bare = bareEngine.compile(html);
  const people = Array.from({ length: RECIPIENTS }, (_, i) => recipient(i));
  const contexts = people.map(({ recipient, links }) => ({ ...values, brand: tokens, recipient, links }));

  const sample = prepared.render(people[0]!.recipient, people[0]!.links);
  if (sample.html !== bare(contexts[0]) || !sample.text.includes('Jordan0') || sample.subject !== EDITS.headline || !sample.preheader) {
    throw new Error('the per-recipient render and the bare baseline disagree; the comparison would be meaningless');
  }
  console.log(`email: compiled HTML ${html.length} chars, per recipient: html ${sample.html.length}, text ${sample.text.length}, subject ${sample.subject.length}, preheader ${sample.preheader.length}`);

  const ours = (i: number) => {
    const person = people[i % RECIPIENTS]!;
    const email = prepared.render(person.recipient, person.links);
    return email.html.length + email.text.length + email.subject.length + email.preheader.length;
  };
  const baseline = (i: number) => bare(contexts[i % RECIPIENTS]).length;
  perCall(EMAIL_WARMUP, 0, ours);
  perCall(EMAIL_WARMUP, 0, baseline);
  const renderRounds: number[] = [];
  const bareRounds: number[] = [];
  for (let round = 0; round < EMAIL_ROUNDS; round++) {
    // Interleaved, so drift (frequency scaling, GC, neighbours) touches both sides alike.
    bareRounds.push(perCall(EMAIL_PER_ROUND, round, baseline));
    renderRounds.push(perCall(EMAIL_PER_ROUND, round, ours));
  }

  // The naive system: Handlebars on the MJML source (not timed), then mjml2html for every recipient.
  const naive = bareEngine.compile(content.body ?? '');
  const substituted = contexts.map((context) => naive(context));
  const mjml = async (i: number) => (await mjml2html(substituted[i % RECIPIENTS]!, { validationLevel: 'skip', minify: false, keepComments: false, ignoreIncludes: true })).html.length;
  for (let i = 0; i < MJML_WARMUP; i++) sink += await mjml(i);
  const mjmlStarted = performance.now();
  for (let i = 0; i < MJML_RUNS; i++) sink += await mjml(i);
  const mjmlUs = ((performance.now() - mjmlStarted) * 1000) / MJML_RUNS;

  return { renderUs: median(renderRounds), bareUs: median(bareRounds), ratio: median(renderRounds.map((ours, i) => ours / bareRounds[i]!)), mjmlUs };
}

interface Raw {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

async function raw(image: Sharp): Promise<Raw> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

function rawOverlay(image: Raw, left: number, top: number): OverlayOptions {
  return { input: image.data, raw: image.info, left, top };
}

/** The headline drawn by Pango as the renderer draws it: same font, size, width, wrapping and colour. */
function headlineText(zone: TextZone, text: string, fontSize: number, colour: string): CreateText {
  const font = zone.font === 'heading' ? { family: 'DejaVu Sans Bold', file: 'DejaVuSans-Bold.ttf' } : { family: 'DejaVu Sans', file: 'DejaVuSans.ttf' };
  return {
    text: `<span foreground="${colour}">${escapePangoMarkup(text)}</span>`,
    font: `${font.family} ${fontSize}`,
    fontfile: path.join(FONTS_DIR, font.file),
    dpi: 72,
    width: zone.width,
    wrap: 'word',
    rgba: true,
    align: 'left',
  };
}

/** Renders per second of `render(i)` with `BANNER_IN_FLIGHT` renders in flight, `count` in all. */
async function throughput(count: number, offset: number, render: (i: number) => Promise<number>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: BANNER_IN_FLIGHT }, async () => {
      while (next < count) sink += await render(offset + next++);
    }),
  );
  return (count / (performance.now() - started)) * 1000;
}

interface BannerResult {
  oursPerSecond: number;
  barePerSecond: number;
  /** Median over the rounds of ours ÷ bare, each pair measured back to back. */
  ratio: number;
  /** Process CPU time per render (all threads), less sensitive to other load than renders/s. */
  oursCpuMs: number;
  bareCpuMs: number;
}

async function bannerBench(palette: string[], colours: Record<string, string>): Promise<BannerResult> {
  const { content, backgroundFile } = await folder('social-banner-1200x628');
  const manifest = manifestOf(content, palette);
  const { banner: validated, problems } = validateBanner(content.banner, manifest);
  if (!validated || problems.length > 0) throw new Error(`social-banner-1200x628: ${JSON.stringify(problems)}`);
  const spec: BannerSpec = validated;
  const background = await fs.readFile(backgroundFile!);
  const logo = await fs.readFile(PARTNER_LOGO);
  const logoZone = spec.zones.find((z): z is LogoZone => z.type === 'logo')!;
  const [headlineZone, taglineZone] = spec.zones.filter((z): z is TextZone => z.type === 'text') as [TextZone, TextZone];
  const values = resolveFieldValues(manifest, { ...PROFILE }, {});
  // Every render gets a headline of its own (the same sequence on both sides), so no drawn headline is reused: the
  // shipped default with a tag of fixed width, so every headline wraps alike and costs the same to fit and draw.
  const headline = (i: number) => `${values[headlineZone.field]} #${String(i).padStart(4, '0')}`;
  const total = BANNER_WARMUP + BANNER_ROUNDS * BANNER_PER_ROUND;

  const renderer = new BannerRenderer({ fontsDir: FONTS_DIR, maxInputPixels: MAX_INPUT_PIXELS });
  const banner = (i: number): BannerInput => ({ background, values: { ...values, [headlineZone.field]: headline(i) }, images: { [logoZone.field]: logo }, colours });
  const ours = async (i: number) => (await renderer.render(spec, banner(i))).data.length;

  // The baseline's inputs, prepared once (not timed) as the renderer would draw them: the font sizes
  // the renderer fits (from a separate instance, so the measured one starts cold on every headline),
  // the plate, the logo resized into the zone, the tagline, and the decoded base image.
  const probe = new BannerRenderer({ fontsDir: FONTS_DIR, maxInputPixels: MAX_INPUT_PIXELS });
  const sizes: number[] = [];
  for (let i = 0; i <= total; i++) {
    const fit = await probe.fitText(headlineZone, headline(i));
    if (!fit.ok) throw new Error(`headline ${i} does not fit: ${fit.reason}`);
    sizes.push(fit.fontSize);
  }
  const base = await raw(sharp(background).resize(spec.width, spec.height, { fit: 'cover' }).toColourspace('srgb'));
  const plateRadius = logoZone.plateRadius ?? 0;
  const plateSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${logoZone.width}" height="${logoZone.height}"><rect x="0" y="0" width="${logoZone.width}" height="${logoZone.height}" rx="${plateRadius}" ry="${plateRadius}" fill="${logoZone.plate!.toLowerCase()}"/></svg>`;
  const plate = await raw(sharp(Buffer.from(plateSvg)).ensureAlpha());
  const padding = logoZone.padding ?? 0;
  const meta = await sharp(logo).metadata();
  const scale = Math.min((logoZone.width - 2 * padding) / meta.width, (logoZone.height - 2 * padding) / meta.height, 2);
  const resized = await raw(sharp(logo).resize(Math.round(meta.width * scale), Math.round(meta.height * scale), { fit: 'fill' }).toColourspace('srgb').ensureAlpha());
  const taglineFit = await probe.fitText(taglineZone, values[taglineZone.field]!);
  if (!taglineFit.ok) throw new Error('the tagline does not fit');
  const tagline = await raw(sharp({ text: headlineText(taglineZone, values[taglineZone.field]!, taglineFit.fontSize, taglineZone.colour.toLowerCase()) }));
  const fixed: OverlayOptions[] = [
    rawOverlay(plate, logoZone.x, logoZone.y),
    rawOverlay(resized, logoZone.x + Math.floor((logoZone.width - resized.info.width) / 2), logoZone.y + Math.floor((logoZone.height - resized.info.height) / 2)),
    rawOverlay(tagline, taglineZone.x, taglineZone.y),
  ];
  const bareJpeg = (i: number) =>
    sharp(base.data, { raw: base.info })
      .composite([...fixed, { input: { text: headlineText(headlineZone, headline(i), sizes[i]!, headlineZone.colour.toLowerCase()) }, left: headlineZone.x, top: headlineZone.y }])
      .jpeg({ quality: 85, mozjpeg: false })
      .toBuffer();
  const bareRender = async (i: number) => (await bareJpeg(i)).length;

  // Both sides must draw the same picture, or the ratio compares different work.
  const check = total;
  const a = await raw(sharp((await renderer.render(spec, banner(check))).data));
  const b = await raw(sharp(await bareJpeg(check)));
  let difference = 0;
  for (let i = 0; i < a.data.length; i++) difference += Math.abs(a.data[i]! - b.data[i]!);
  const meanDifference = difference / a.data.length;
  if (a.info.width !== b.info.width || a.info.height !== b.info.height || meanDifference > 1) {
    throw new Error(`the renderer and the bare composite draw different banners (mean difference ${meanDifference.toFixed(2)})`);
  }
  console.log(`banner: ${spec.width}×${spec.height} jpeg, headlines drawn at ${[...new Set(sizes)].join('/')} px, mean pixel difference renderer vs bare ${meanDifference.toFixed(3)}`);

  await throughput(BANNER_WARMUP, 0, bareRender);
  await throughput(BANNER_WARMUP, 0, ours);
  const oursRounds: number[] = [];
  const bareRounds: number[] = [];
  let oursCpu = 0;
  let bareCpu = 0;
  for (let round = 0; round < BANNER_ROUNDS; round++) {
    // Short rounds, interleaved, so load from elsewhere on the machine touches both sides alike.
    const offset = BANNER_WARMUP + round * BANNER_PER_ROUND;
    let cpu = process.cpuUsage();
    bareRounds.push(await throughput(BANNER_PER_ROUND, offset, bareRender));
    cpu = process.cpuUsage(cpu);
    bareCpu += (cpu.user + cpu.system) / 1000;
    cpu = process.cpuUsage();
    oursRounds.push(await throughput(BANNER_PER_ROUND, offset, ours));
    cpu = process.cpuUsage(cpu);
    oursCpu += (cpu.user + cpu.system) / 1000;
  }
  return { oursPerSecond: median(oursRounds), barePerSecond: median(bareRounds), ratio: median(oursRounds.map((ours, i) => ours / bareRounds[i]!)), oursCpuMs: oursCpu / (BANNER_ROUNDS * BANNER_PER_ROUND), bareCpuMs: bareCpu / (BANNER_ROUNDS * BANNER_PER_ROUND) };
}

async function main(): Promise<void> {
  const { tokens, palette, colours } = await brandKit();
  const email = await emailBench(palette, tokens);
  console.log(`bare Handlebars html     ${email.bareUs.toFixed(1)} µs per recipient`);
  console.log(`our per-recipient render ${email.renderUs.toFixed(1)} µs per recipient (html + text + subject + preheader)`);
  console.log(`mjml2html per recipient  ${(email.mjmlUs / 1000).toFixed(2)} ms per recipient`);

  const banner = await bannerBench(palette, colours);
  console.log(`bare sharp composite     ${banner.barePerSecond.toFixed(1)} renders/s, ${banner.bareCpuMs.toFixed(1)} ms CPU per render (${BANNER_IN_FLIGHT} in flight, sharp concurrency ${sharp.concurrency()})`);
  console.log(`BannerRenderer.render    ${banner.oursPerSecond.toFixed(1)} renders/s, ${banner.oursCpuMs.toFixed(1)} ms CPU per render`);
  if (sink <= 0) throw new Error('nothing was rendered');

  console.log(benchLine('render-vs-handlebars', email.ratio, 'ratio', '<=', 2.0));
  console.log(benchLine('mjml-per-recipient-vs-render', email.mjmlUs / email.renderUs, 'ratio', '>=', 100));
  console.log(benchLine('banner-vs-bare-sharp', banner.ratio, 'ratio', '>=', 0.8));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
