import { checkFile, isUtf8Text, sniffContent } from './asset-file-type';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]);
const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(16)]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.alloc(20)]);
const ebml = (docType: string) => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]), Buffer.from(docType, 'latin1'), Buffer.alloc(8)]);

/** The start of a zip whose first entry is `name` (a local file header). */
function zipStartingWith(name: string): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.alloc(64)]);
}

describe('sniffContent', () => {
  it.each([
    ['pdf', PDF],
    ['png', PNG],
    ['jpeg', JPEG],
    ['webp', WEBP],
    ['gif', GIF],
    ['mp4', ftyp('isom')],
    ['mp4', ftyp('mp42')],
    ['mov', ftyp('qt  ')],
    ['webm', ebml('webm')],
    ['ooxml', zipStartingWith('[Content_Types].xml')],
    ['ooxml', zipStartingWith('word/document.xml')],
    ['txt', Buffer.from('Terms and conditions\r\n\tÜbersicht – 2027\n')],
  ])('reads %s from the first bytes', (kind, head) => {
    expect(sniffContent(head)).toBe(kind);
  });

  it.each([
    ['a Matroska (not WebM) video', ebml('matroska')],
    ['a HEIC still image', ftyp('heic')],
    ['a plain zip', zipStartingWith('photos/beach.jpg')],
    ['binary data', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04])],
    ['invalid UTF-8', Buffer.from([0x41, 0x42, 0xc3, 0x28, 0x43])],
    ['an executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)])],
    ['nothing', Buffer.alloc(0)],
  ])('does not recognise %s', (_what, head) => {
    expect(sniffContent(head)).toBeNull();
  });
});

describe('isUtf8Text', () => {
  it('accepts a sample that ends in the middle of a character', () => {
    const text = Buffer.from('prix: 12 €');
    expect(isUtf8Text(text.subarray(0, text.length - 1))).toBe(true);
  });

  it('refuses control characters', () => {
    expect(isUtf8Text(Buffer.from('hello\u0007world'))).toBe(false);
  });
});

describe('checkFile', () => {
  it('accepts a PNG image with its own extension and keeps the name', () => {
    expect(checkFile(PNG, 'Hero banner.png', 'image')).toEqual({ ok: true, kind: 'png', contentType: 'image/png', fileName: 'Hero_banner.png' });
  });

  it('refuses a name whose extension disagrees with the content, and says what the content is', () => {
    const result = checkFile(PNG, 'datasheet.pdf', 'datasheet');
    expect(result).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(!result.ok && result.message).toMatch(/PNG image/);
  });

  it('refuses a content type the asset type does not take', () => {
    const result = checkFile(PNG, 'photo.png', 'datasheet');
    expect(result).toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(!result.ok && result.message).toMatch(/datasheet asset takes PDF, DOCX, TXT/);
  });

  it('lets the extension say which Office document a zip-based file is', () => {
    const office = zipStartingWith('[Content_Types].xml');
    expect(checkFile(office, 'Q3 deck.pptx', 'deck')).toMatchObject({ ok: true, kind: 'pptx', fileName: 'Q3_deck.pptx' });
    expect(checkFile(office, 'terms.docx', 'legal')).toMatchObject({ ok: true, kind: 'docx' });
    expect(checkFile(office, 'prices.xlsx', 'document')).toMatchObject({ ok: true, kind: 'xlsx' });
    expect(checkFile(office, 'prices.xlsx', 'datasheet')).toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(checkFile(office, 'deck.pdf', 'deck')).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(checkFile(office, 'deck', 'deck')).toMatchObject({ ok: false });
  });

  it('takes plain text only for legal, document and datasheet assets, named .txt', () => {
    const text = Buffer.from('Legal notice\n');
    expect(checkFile(text, 'notice.txt', 'legal')).toMatchObject({ ok: true, kind: 'txt', contentType: 'text/plain; charset=utf-8' });
    expect(checkFile(text, 'notice.pdf', 'legal')).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(checkFile(text, 'notice.txt', 'video')).toMatchObject({ ok: false, reason: 'not_allowed' });
  });

  it('accepts video containers by their content', () => {
    expect(checkFile(ftyp('qt  '), 'teaser.mov', 'video')).toMatchObject({ ok: true, kind: 'mov', contentType: 'video/quicktime' });
    expect(checkFile(ftyp('isom'), 'teaser.mp4', 'video')).toMatchObject({ ok: true, kind: 'mp4' });
    expect(checkFile(ebml('webm'), 'teaser.webm', 'video')).toMatchObject({ ok: true, kind: 'webm' });
    expect(checkFile(ftyp('qt  '), 'teaser.mp4', 'video')).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('adds the extension of the content to a name without one', () => {
    expect(checkFile(JPEG, 'photo', 'image')).toMatchObject({ ok: true, fileName: 'photo.jpg' });
    expect(checkFile(JPEG, 'photo.JPEG', 'image')).toMatchObject({ ok: true, fileName: 'photo.JPEG' });
  });

  it('refuses content it does not know', () => {
    expect(checkFile(Buffer.from([0, 1, 2, 3]), 'file.pdf', 'document')).toMatchObject({ ok: false, reason: 'unknown' });
  });
});
