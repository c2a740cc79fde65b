import { sniffProofFile } from './file-type';

describe('proof file types', () => {
  it('recognises PDF, PNG, JPEG and WebP by their first bytes, and nothing else', () => {
    expect(sniffProofFile(Buffer.from('%PDF-1.7 …'))?.contentType).toBe('application/pdf');
    expect(sniffProofFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.contentType).toBe('image/png');
    expect(sniffProofFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.contentType).toBe('image/jpeg');
    expect(sniffProofFile(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))?.contentType).toBe('image/webp');
    expect(sniffProofFile(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffProofFile(Buffer.from('GIF89a'))).toBeNull();
  });
});
