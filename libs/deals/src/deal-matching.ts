/** Legal forms and filler words that say nothing about which company it is. */
const NOISE_WORDS = new Set([
  'the', 'inc', 'incorporated', 'llc', 'llp', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'plc', 'gmbh', 'ag', 'sa', 'sas', 'sarl',
  'bv', 'nv', 'srl', 'spa', 'oy', 'ab', 'as', 'kg', 'pty', 'pte', 'kk', 'group', 'holding', 'holdings', 'and',
]);

/**
 * A company name reduced to what identifies it: `ACME, Inc.` and `Acme Corporation` both become
 * `acme`. Accents are folded, periods are dropped, other punctuation is a word break, `&` is dropped with the legal forms.
 * Falls back to the plain lower-case words when every word is noise (`The Company`).
 */
export function companyKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    // `S.A.` and `Co.` are one word each.
    .replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  const kept = words.filter((w) => !NOISE_WORDS.has(w));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** The words of a company key, for the candidate query (a shared word makes a candidate). */
export function keyWords(key: string): string[] {
  return [...new Set(key.split(' ').filter((w) => w !== ''))];
}

function trigrams(key: string): Set<string> {
  const grams = new Set<string>();
  for (const word of key.split(' ')) {
    if (word === '') continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** Trigram similarity of two company keys, 0..1 (as pg_trgm's `similarity`, without needing the extension). */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  const ga = trigrams(a);
  const gb = trigrams(b);
  if (ga.size === 0 || gb.size === 0) return 0;
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return shared / (ga.size + gb.size - shared);
}

/** Names at least this similar are flagged for the channel manager to look at. */
export const NAME_MATCH_THRESHOLD = 0.6;
