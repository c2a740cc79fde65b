import { sanitiseFileName } from './file-name';

describe('sanitiseFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\Résumé final.pdf', 'Resume_final.pdf'],
    ['  .hidden.txt', 'hidden.txt'],
    ['"quoted";name.png', 'quoted_name.png'],
    ['', 'file'],
    ['???', 'file'],
  ])('%j becomes %j', (input, expected) => {
    expect(sanitiseFileName(input)).toBe(expected);
  });

  it('keeps the extension of a long name', () => {
    const name = sanitiseFileName(`${'a'.repeat(300)}.pdf`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
