'use strict';
// Generates the base images of the banner templates in templates/banners/<key>/background.png.
// Each background is an SVG string rasterised to PNG with sharp (librsvg): a brand gradient with subtle
// geometric shapes, leaving the logo and text zones of the template's banner spec clear.
// The sizes and zones are read from each template.json, so the art always matches the spec.
// Usage: node scripts/make-banner-backgrounds.js
const fs = require('node:fs');
const path = require('node:path');
const sharp = require('sharp');

const root = path.resolve(__dirname, '..');
const bannersDir = path.join(root, 'templates', 'banners');
const brandKit = JSON.parse(fs.readFileSync(path.join(root, 'assets', 'vendor', 'brand-kit.json'), 'utf8'));
const C = brandKit.colours;
const MAX_PNG_BYTES = 150 * 1024;
// Generic family only (DejaVu Sans on most Linux boxes); Inter where installed.
const FONT = 'Inter, DejaVu Sans, sans-serif';

// Darker shades of the primary for depth.
const DEEP = '#06286E';
const MID = '#0A47C4';

function svgDoc(width, height, defs, body) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <defs>
${defs}
  </defs>
${body}
</svg>
`;
}

// Regular hexagon points centred on (cx, cy), flat top.
function hexagon(cx, cy, r) {
  const pts = [];
  for (let i = 0; i < 6; i += 1) {
    const a = (Math.PI / 3) * i;
    pts.push(`${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
}

// A loose field of small hexagon outlines, fading out towards the left (where the text sits).
function hexField(x0, y0, cols, rows, r, opacityAt) {
  const out = [];
  const w = r * 1.5;
  const h = r * Math.sqrt(3);
  for (let c = 0; c < cols; c += 1) {
    for (let row = 0; row < rows; row += 1) {
      const cx = x0 + c * w;
      const cy = y0 + row * h + (c % 2 ? h / 2 : 0);
      const o = opacityAt(cx, cy);
      if (o <= 0.01) continue;
      out.push(`<polygon points="${hexagon(cx, cy, r - 2)}" fill="none" stroke="#FFFFFF" stroke-width="1.2" opacity="${o.toFixed(3)}"/>`);
    }
  }
  return out.join('\n    ');
}

// The Acme cloud-with-rising-line mark (as in the vendor logo), drawn at scale s with its origin at (x, y).
function cloudMark(x, y, s, { fill = '#FFFFFF', stroke = C.primary, opacity = 1 } = {}) {
  return `<g transform="translate(${x} ${y}) scale(${s})" opacity="${opacity}">
      <path d="M34 104 h76 a26 26 0 0 0 2 -52 a36 36 0 0 0 -68 -6 a28 28 0 0 0 -10 58 z" fill="${fill}"/>
      <path d="M40 84 l22 -24 l16 14 l26 -30" fill="none" stroke="${stroke}" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>
      <circle cx="104" cy="44" r="8" fill="${C.accent}"/>
      <rect x="34" y="110" width="84" height="8" rx="4" fill="${C.secondary}"/>
    </g>`;
}

// A shield outline (protection motif) centred on (cx, cy), height h.
function shield(cx, cy, h, attrs) {
  const w = h * 0.8;
  const top = cy - h / 2;
  const d = `M${cx} ${top} L${cx + w / 2} ${top + h * 0.16} L${cx + w / 2} ${top + h * 0.48} C${cx + w / 2} ${top + h * 0.76} ${cx + w * 0.22} ${top + h * 0.92} ${cx} ${top + h} C${cx - w * 0.22} ${top + h * 0.92} ${cx - w / 2} ${top + h * 0.76} ${cx - w / 2} ${top + h * 0.48} L${cx - w / 2} ${top + h * 0.16} Z`;
  return `<path d="${d}" ${attrs}/>`;
}

// ---------------------------------------------------------------------------------------------
// Social banner 1200x628: text zones on the left, illustration on the right.
// ---------------------------------------------------------------------------------------------
function social(spec) {
  const { width: W, height: H } = spec;
  const defs = `    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${DEEP}"/>
      <stop offset="0.55" stop-color="${MID}"/>
      <stop offset="1" stop-color="${C.primary}"/>
    </linearGradient>
    <radialGradient id="glow" cx="0.78" cy="0.45" r="0.5">
      <stop offset="0" stop-color="${C.secondary}" stop-opacity="0.45"/>
      <stop offset="1" stop-color="${C.secondary}" stop-opacity="0"/>
    </radialGradient>
    <linearGradient id="ring" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${C.secondary}"/>
      <stop offset="1" stop-color="#FFFFFF" stop-opacity="0.2"/>
    </linearGradient>
    <linearGradient id="shieldFill" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#FFFFFF" stop-opacity="0.16"/>
      <stop offset="1" stop-color="#FFFFFF" stop-opacity="0.04"/>
    </linearGradient>`;
  const cx = 960;
  const cy = 300;
  // Hexagons get stronger to the right, and vanish over the text column (x < 720).
  const hex = hexField(700, -20, 18, 10, 36, (x) => Math.max(0, Math.min(0.14, ((x - 720) / 480) * 0.14)));
  const body = `  <rect width="${W}" height="${H}" fill="url(#bg)"/>
  <rect width="${W}" height="${H}" fill="url(#glow)"/>
  <g>
    ${hex}
  </g>
  <circle cx="${cx}" cy="${cy}" r="214" fill="none" stroke="url(#ring)" stroke-width="2" opacity="0.55"/>
  <circle cx="${cx}" cy="${cy}" r="170" fill="none" stroke="#FFFFFF" stroke-width="1.5" stroke-dasharray="4 10" opacity="0.35"/>
  ${shield(cx, cy, 250, 'fill="url(#shieldFill)" stroke="#FFFFFF" stroke-opacity="0.55" stroke-width="3"')}
  ${cloudMark(cx - 68, cy - 62, 1.0)}
  <circle cx="${cx + 150}" cy="${cy - 150}" r="10" fill="${C.accent}"/>
  <circle cx="${cx - 190}" cy="${cy + 120}" r="6" fill="${C.secondary}"/>
  <circle cx="${cx + 205}" cy="${cy + 60}" r="5" fill="#FFFFFF" opacity="0.7"/>
  <rect x="60" y="188" width="64" height="6" rx="3" fill="${C.accent}"/>
  <path d="M0 ${H - 8} H${W}" stroke="${C.secondary}" stroke-width="8"/>
  <path d="M0 ${H - 8} H${Math.round(W * 0.28)}" stroke="${C.accent}" stroke-width="8"/>
  <text x="${W - 60}" y="${H - 36}" text-anchor="end" font-family="${FONT}" font-size="20" font-weight="600" fill="#FFFFFF" opacity="0.85">Acme Cloud Backup 5</text>`;
  return svgDoc(W, H, defs, body);
}

// ---------------------------------------------------------------------------------------------
// Display 300x250: logo top-left, headline below, call-to-action pill at the bottom.
// ---------------------------------------------------------------------------------------------
function display(spec) {
  const { width: W, height: H } = spec;
  const defs = `    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${DEEP}"/>
      <stop offset="0.6" stop-color="${MID}"/>
      <stop offset="1" stop-color="${C.primary}"/>
    </linearGradient>
    <radialGradient id="glow" cx="0.95" cy="0.05" r="0.6">
      <stop offset="0" stop-color="${C.secondary}" stop-opacity="0.5"/>
      <stop offset="1" stop-color="${C.secondary}" stop-opacity="0"/>
    </radialGradient>`;
  const hex = hexField(170, -10, 8, 4, 18, (x, y) => (y > 70 ? 0 : Math.max(0, Math.min(0.18, ((x - 160) / 140) * 0.18))));
  const body = `  <rect width="${W}" height="${H}" fill="url(#bg)"/>
  <rect width="${W}" height="${H}" fill="url(#glow)"/>
  <g>
    ${hex}
  </g>
  ${shield(258, 40, 50, 'fill="#FFFFFF" fill-opacity="0.08" stroke="#FFFFFF" stroke-opacity="0.6" stroke-width="1.5"')}
  ${cloudMark(244, 28, 0.22)}
  <rect x="16" y="72" width="28" height="3" rx="1.5" fill="${C.accent}"/>
  <rect x="16" y="198" width="148" height="36" rx="18" fill="${C.accent}"/>
  <text x="90" y="221" text-anchor="middle" font-family="${FONT}" font-size="14" font-weight="700" fill="${C.text}">Start free trial  &#8250;</text>
  <text x="${W - 16}" y="213" text-anchor="end" font-family="${FONT}" font-size="10" font-weight="600" fill="#FFFFFF" opacity="0.8">Acme Cloud</text>
  <text x="${W - 16}" y="227" text-anchor="end" font-family="${FONT}" font-size="10" font-weight="600" fill="#FFFFFF" opacity="0.8">Backup 5</text>
  <rect y="${H - 4}" width="${W}" height="4" fill="${C.secondary}"/>`;
  return svgDoc(W, H, defs, body);
}

const painters = { 'social-banner-1200x628': social, 'display-300x250': display };

async function main() {
  for (const [key, paint] of Object.entries(painters)) {
    const dir = path.join(bannersDir, key);
    const spec = JSON.parse(fs.readFileSync(path.join(dir, 'template.json'), 'utf8')).banner;
    const svg = paint(spec);
    const out = path.join(dir, spec.background);
    // Palette quantisation keeps the gradients smooth enough at a fraction of the size; dither hides banding.
    const buf = await sharp(Buffer.from(svg))
      .resize(spec.width, spec.height)
      .png({ palette: true, colours: 256, dither: 1, effort: 10, compressionLevel: 9 })
      .toBuffer();
    const meta = await sharp(buf).metadata();
    if (meta.width !== spec.width || meta.height !== spec.height) {
      throw new Error(`${key}: rendered ${meta.width}x${meta.height}, spec says ${spec.width}x${spec.height}`);
    }
    if (buf.length > MAX_PNG_BYTES) throw new Error(`${key}: ${buf.length} bytes exceeds ${MAX_PNG_BYTES}`);
    fs.writeFileSync(out, buf);
    console.log(`${path.relative(root, out)}  ${meta.width}x${meta.height}  ${(buf.length / 1024).toFixed(1)} KB`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
