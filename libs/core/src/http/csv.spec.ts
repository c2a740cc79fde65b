import { csvCell, csvLine } from './csv';

describe('CSV cells', () => {
  it('neutralises anything a spreadsheet would run as a formula', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('keeps plain values and quotes separators', () => {
    expect(csvLine(['Acme, Inc.', 'plain', null, 12])).toBe('"Acme, Inc.",plain,,12\r\n');
  });
});
