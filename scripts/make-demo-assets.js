'use strict';
// Generates the fictional demo brand files in assets/ (vendor logo + brand kit, six partner logos).
// Every logo is an SVG string rasterised to PNG with sharp (librsvg). Re-running overwrites the files.
// Usage: node scripts/make-demo-assets.js
const fs = require('node:fs');
const path = require('node:path');
const sharp = require('sharp');

const root = path.resolve(__dirname, '..');
const assetsDir = path.join(root, 'assets');
const MAX_PNG_BYTES = 60 * 1024;

// Generic family only: whatever sans-serif fontconfig resolves to (DejaVu Sans on most Linux boxes).
const SANS = 'sans-serif';
// The vendor brand font is Inter; prefer it where installed and fall back to the generic family.
const ACME_FONT = `Inter, ${SANS}`;

function svgDoc(width, height, body, { title, background } = {}) {
  const bg = background ? `\n  <rect width="${width}" height="${height}" fill="${background}"/>` : '';
  const t = title ? `\n  <title>${title}</title>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${t}${bg}
${body}
</svg>
`;
}

// Regular polygon points centred on (cx, cy); rotation in degrees (0 = first vertex at the top).
function polygon(cx, cy, r, sides, rotation = 0) {
  const pts = [];
  for (let i = 0; i < sides; i += 1) {
    const a = ((rotation + (360 / sides) * i - 90) * Math.PI) / 180;
    pts.push(`${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Vendor: Acme Cloud (600x160, transparent)
// ---------------------------------------------------------------------------------------------
const brandKit = {
  name: 'Acme Cloud',
  colours: {
    primary: '#0B5FFF',
    secondary: '#00C2A8',
    accent: '#FFB020',
    text: '#1B1F24',
    background: '#FFFFFF',
  },
  fonts: { heading: 'Inter', body: 'Inter' },
  logo: 'vendor/acme-cloud-logo.png',
  legalFooter:
    '© 2026 Acme Cloud, Inc. All rights reserved. Acme Cloud and the Acme logo are trademarks of Acme Cloud, Inc.',
};

function acmeCloudSvg() {
  const c = brandKit.colours;
  const body = `  <g transform="translate(20 24)">
    <path d="M34 104 h76 a26 26 0 0 0 2 -52 a36 36 0 0 0 -68 -6 a28 28 0 0 0 -10 58 z" fill="${c.primary}"/>
    <path d="M40 84 l22 -24 l16 14 l26 -30" fill="none" stroke="#FFFFFF" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>
    <circle cx="104" cy="44" r="8" fill="${c.accent}"/>
    <rect x="34" y="110" width="84" height="8" rx="4" fill="${c.secondary}"/>
  </g>
  <text x="168" y="102" font-family="${ACME_FONT}" font-size="58" font-weight="700" letter-spacing="-1" fill="${c.text}">Acme<tspan dx="16" fill="${c.primary}" font-weight="400">Cloud</tspan></text>`;
  return svgDoc(600, 160, body, { title: 'Acme Cloud' });
}

// ---------------------------------------------------------------------------------------------
// Partners
// ---------------------------------------------------------------------------------------------
const partners = [
  {
    // Wide, transparent: compass-in-a-circle mark.
    slug: 'northwind-it',
    width: 800,
    height: 200,
    transparent: true,
    svg: () => {
      const navy = '#1E3A8A';
      const sky = '#38BDF8';
      return `  <g transform="translate(100 100)">
    <circle r="70" fill="${navy}"/>
    <circle r="54" fill="none" stroke="#FFFFFF" stroke-width="4" opacity="0.35"/>
    <g transform="rotate(40)">
      <polygon points="0,-44 13,0 -13,0" fill="${sky}"/>
      <polygon points="0,44 13,0 -13,0" fill="#FFFFFF"/>
    </g>
    <circle r="5" fill="${navy}"/>
  </g>
  <text x="200" y="118" font-family="${SANS}" font-size="64" font-weight="700" fill="${navy}">Northwind<tspan dx="18" fill="${sky}">IT</tspan></text>
  <text x="204" y="156" font-family="${SANS}" font-size="22" letter-spacing="6" fill="#475569">MANAGED SERVICES</text>`;
    },
  },
  {
    // Wide, opaque white with generous margins (a trim should remove them): mountain mark.
    slug: 'bluepeak-systems',
    width: 800,
    height: 200,
    background: '#FFFFFF',
    svg: () => {
      const blue = '#2563EB';
      const dark = '#1E40AF';
      return `  <g transform="translate(78 52)">
    <polygon points="0,96 48,20 72,56 94,30 140,96" fill="${blue}"/>
    <polygon points="48,20 60,39 52,46 44,38 36,45" fill="#FFFFFF"/>
    <polygon points="94,30 103,43 96,48 89,43" fill="#FFFFFF"/>
  </g>
  <text x="240" y="128" font-family="${SANS}" font-size="50" font-weight="700" fill="${dark}">BluePeak<tspan dx="14" font-weight="400" fill="#334155">Systems</tspan></text>`;
    },
  },
  {
    // Square, transparent: wave mark in a rounded tile, stacked wordmark.
    slug: 'harbor-digital',
    width: 400,
    height: 400,
    transparent: true,
    svg: () => {
      const teal = '#0E7490';
      return `  <g transform="translate(120 44)">
    <rect width="160" height="160" rx="36" fill="${teal}"/>
    <path d="M20 86 q20 -22 40 0 t40 0 t40 0" fill="none" stroke="#FFFFFF" stroke-width="10" stroke-linecap="round"/>
    <path d="M20 118 q20 -22 40 0 t40 0 t40 0" fill="none" stroke="#67E8F9" stroke-width="10" stroke-linecap="round"/>
    <circle cx="80" cy="44" r="14" fill="#FDE68A"/>
  </g>
  <text x="200" y="288" text-anchor="middle" font-family="${SANS}" font-size="50" font-weight="700" fill="${teal}">Harbor</text>
  <text x="200" y="334" text-anchor="middle" font-family="${SANS}" font-size="30" letter-spacing="8" fill="#334155">DIGITAL</text>`;
    },
  },
  {
    // Tall-ish, transparent: five-petal blossom, stacked wordmark.
    slug: 'sakura-solutions',
    width: 300,
    height: 360,
    transparent: true,
    svg: () => {
      const pink = '#DB2777';
      const petals = [0, 72, 144, 216, 288]
        .map((deg) => `<ellipse cx="0" cy="-46" rx="30" ry="46" fill="#F472B6" transform="rotate(${deg})"/>`)
        .join('\n    ');
      return `  <g transform="translate(150 126)">
    ${petals}
    <circle r="22" fill="${pink}"/>
    <circle r="8" fill="#FCE7F3"/>
  </g>
  <text x="150" y="280" text-anchor="middle" font-family="${SANS}" font-size="52" font-weight="700" fill="${pink}">Sakura</text>
  <text x="150" y="322" text-anchor="middle" font-family="${SANS}" font-size="28" fill="#4B5563">Solutions</text>`;
    },
  },
  {
    // Extra-wide, transparent: hexagon with a peak inside.
    slug: 'andes-cloudworks',
    width: 900,
    height: 220,
    transparent: true,
    svg: () => {
      const orange = '#EA580C';
      return `  <g transform="translate(110 110)">
    <polygon points="${polygon(0, 0, 80, 6, 30)}" fill="${orange}"/>
    <polygon points="-4,36 24,-12 52,36" fill="#FDBA74"/>
    <polygon points="-52,36 -14,-30 24,36" fill="#FFFFFF"/>
    <polygon points="-14,-30 -4,-13 -10,-9 -14,-14 -19,-9 -24,-13" fill="#FED7AA"/>
  </g>
  <text x="220" y="134" font-family="${SANS}" font-size="64" font-weight="700" fill="#7C2D12">Andes<tspan dx="18" fill="${orange}" font-weight="400">Cloudworks</tspan></text>`;
    },
  },
  {
    // Medium-wide, opaque white with margins: aurora ribbons.
    slug: 'nordlys-consulting',
    width: 640,
    height: 240,
    background: '#FFFFFF',
    svg: () => {
      const green = '#059669';
      const violet = '#7C3AED';
      return `  <defs>
    <linearGradient id="aurora" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="${green}"/>
      <stop offset="1" stop-color="${violet}"/>
    </linearGradient>
  </defs>
  <g transform="translate(60 70)">
    <path d="M0 70 C30 10 60 10 90 40 S140 80 160 20" fill="none" stroke="url(#aurora)" stroke-width="14" stroke-linecap="round"/>
    <path d="M0 100 C30 40 60 40 90 70 S140 110 160 50" fill="none" stroke="url(#aurora)" stroke-width="8" stroke-linecap="round" opacity="0.55"/>
    <circle cx="130" cy="-4" r="5" fill="${violet}"/>
    <circle cx="20" cy="10" r="3" fill="${green}"/>
  </g>
  <text x="248" y="124" font-family="${SANS}" font-size="50" font-weight="700" fill="#1F2937">Nordlys</text>
  <text x="250" y="160" font-family="${SANS}" font-size="24" letter-spacing="5" fill="${violet}">CONSULTING</text>`;
    },
  },
];

// ---------------------------------------------------------------------------------------------

async function writePng(svg, file, { opaque = false } = {}) {
  let img = sharp(Buffer.from(svg));
  if (opaque) img = img.flatten({ background: '#FFFFFF' });
  const png = await img.png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toBuffer();
  if (png.length > MAX_PNG_BYTES) {
    throw new Error(`${path.relative(root, file)} is ${png.length} bytes (limit ${MAX_PNG_BYTES})`);
  }
  fs.writeFileSync(file, png);
  const meta = await sharp(png).metadata();
  console.log(
    `${path.relative(root, file).padEnd(40)} ${meta.width}x${meta.height}  ${png.length} B  ${meta.hasAlpha ? 'alpha' : 'opaque'}`,
  );
}

async function main() {
  const vendorDir = path.join(assetsDir, 'vendor');
  const partnersDir = path.join(assetsDir, 'partners');
  fs.mkdirSync(vendorDir, { recursive: true });
  fs.mkdirSync(partnersDir, { recursive: true });

  const acme = acmeCloudSvg();
  fs.writeFileSync(path.join(vendorDir, 'acme-cloud-logo.svg'), acme);
  await writePng(acme, path.join(vendorDir, 'acme-cloud-logo.png'));
  fs.writeFileSync(path.join(vendorDir, 'brand-kit.json'), `${JSON.stringify(brandKit, null, 2)}\n`);

  for (const p of partners) {
    const svg = svgDoc(p.width, p.height, p.svg(), { background: p.background });
    await writePng(svg, path.join(partnersDir, `${p.slug}.png`), { opaque: !p.transparent });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
