import fs from 'node:fs';
import path from 'node:path';

/**
 * Every table belongs to one lib (ARCHITECTURE.md's data table is the map). Only that lib names it
 * in SQL, and only in a `*.repository.ts`; another lib that needs the data calls the owner's exported
 * service. Reporting may read across (it says so in the map) but still only in its repositories.
 * No lib imports another lib's `*Entity` (TypeORM access counts too). Migrations and the test
 * harness are not scanned.
 *
 * `STILL_TO_MOVE` lists what does not follow the rule yet: a new entry fails the test, and so does
 * an entry that has been fixed (remove it), so the list only shrinks.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const READS_ACROSS = new Set(['reporting']);
const NOT_SCANNED = new Set(['testing']);

const STILL_TO_MOVE: Record<string, string[]> = {
  'libs/assets/src/asset-usage.repository.ts': ['kit_versions', 'launches'],
  'libs/brand/src/brand-kit.service.ts': ['brand_kits'],
  'libs/brand/src/cobrand.service.ts': ['PartnerEntity from @app/partners'],
  'libs/brand/src/template.service.ts': ['template_versions'],
  'libs/core/src/queue/job-outbox.service.ts': ['job_outbox'],
  'libs/core/src/queue/platform-mail.service.ts': ['platform_mail_outbox', 'job_outbox'],
  'libs/demo/src/demo-library.ts': ['assets'],
  'libs/demo/src/demo-seed.service.ts': ['tiers', 'partners', 'users', 'mdf_programs', 'launches', 'templates', 'kits', 'sequences', 'contacts', 'audiences'],
  'libs/mailing/src/asset-guard.service.ts': ['message_contents', 'asset_usages'],
  'libs/mailing/src/message-outbox.service.ts': ['message_contents', 'messages', 'message_events', 'link_opens', 'link_clicks'],
  'libs/mailing/src/message-query.service.ts': ['messages', 'message_events'],
  'libs/mailing/src/message-renderer.service.ts': ['messages', 'message_contents', 'TemplateEntity from @app/brand', 'TemplateVersionEntity from @app/brand', 'PartnerEntity from @app/partners'],
  'libs/mailing/src/message-sender.service.ts': ['messages', 'message_events'],
  'libs/mailing/src/provider-events.service.ts': ['messages', 'mail_provider_events', 'message_events'],
  'libs/mailing/src/rate-limiter.ts': ['send_counters'],
  'libs/mailing/src/sender-identity.service.ts': ['users', 'partners', 'sending_domains'],
  'libs/mailing/src/sending-domain.service.ts': ['sending_domains'],
  'libs/mailing/src/suppression.service.ts': ['global_suppressions', 'program_suppressions', 'suppressions'],
  'libs/mailing/src/unsubscribe.service.ts': ['suppressions', 'program_suppressions', 'global_suppressions', 'messages', 'partners', 'message_events'],
  'libs/nurture/src/enrolment.repository.ts': ['users', 'partners', 'contacts', 'launches', 'messages'],
  'libs/nurture/src/sequence.repository.ts': ['link_opens', 'link_clicks', 'messages'],
};

function tableOwners(): { ownerOf: (table: string) => string | undefined } {
  const md = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  const data = md.slice(md.indexOf('## Data'));
  const exact = new Map<string, string>();
  const prefixes: [string, string][] = [];
  for (const line of data.split('\n')) {
    const row = /^\| (.+?) \| ([a-z]+)(?:\/[a-z]+)? \|/.exec(line);
    if (!row) continue;
    for (const [, table] of row[1]!.matchAll(/`([a-z_.*]+)`/g)) {
      if (table!.endsWith('*')) prefixes.push([table!.slice(0, -1), row[2]!]);
      else exact.set(table!, row[2]!);
    }
  }
  return { ownerOf: (table) => exact.get(table) ?? prefixes.find(([prefix]) => table.startsWith(prefix))?.[1] };
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'migrations') out.push(...sourceFiles(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) out.push(full);
  }
  return out;
}

/** file → what it does against the rule: a table named in SQL, or `XEntity from @app/lib`. */
function findings(): Record<string, string[]> {
  const { ownerOf } = tableOwners();
  const found: Record<string, string[]> = {};
  for (const file of sourceFiles(path.join(ROOT, 'libs'))) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const lib = rel.split('/')[1]!;
    if (NOT_SCANNED.has(lib)) continue;
    const source = fs.readFileSync(file, 'utf8');
    const bad = new Set<string>();
    for (const [, table] of source.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO|DELETE\s+FROM|TABLE)\s+"?([a-z_]+)"?/g)) {
      const owner = ownerOf(table!);
      if (!owner) continue;
      const ownedHere = owner === lib || READS_ACROSS.has(lib);
      if (!ownedHere || !rel.endsWith('.repository.ts')) bad.add(table!);
    }
    for (const [, names, from] of source.matchAll(/import (?:type )?\{([^}]+)\} from '@app\/([a-z]+)'/g)) {
      if (from === lib) continue;
      for (const name of names!.split(',').map((n) => n.trim().replace(/^type /, ''))) if (/Entity$/.test(name)) bad.add(`${name} from @app/${from}`);
    }
    if (bad.size > 0) found[rel] = [...bad].sort();
  }
  return found;
}

describe('table ownership', () => {
  const found = findings();

  it('finds the map of tables to libs in ARCHITECTURE.md', () => {
    const { ownerOf } = tableOwners();
    expect([ownerOf('partners'), ownerOf('link_clicks'), ownerOf('mdf_claims'), ownerOf('users')]).toEqual(['partners', 'links', 'mdf', 'core']);
  });

  it('names each table in SQL only in a repository of the lib that owns it, and no other lib\'s entity', () => {
    const unexpected: string[] = [];
    for (const [file, items] of Object.entries(found)) {
      const known = new Set(STILL_TO_MOVE[file] ?? []);
      for (const item of items) if (!known.has(item)) unexpected.push(`${file}: ${item}`);
    }
    expect(unexpected).toEqual([]);
  });

  it('lists as still to move only what still breaks the rule', () => {
    const fixed: string[] = [];
    for (const [file, items] of Object.entries(STILL_TO_MOVE)) {
      const now = new Set(found[file] ?? []);
      for (const item of items) if (!now.has(item)) fixed.push(`${file}: ${item}`);
    }
    expect(fixed).toEqual([]);
  });
});
