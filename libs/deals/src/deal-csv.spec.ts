import { csvCell, csvLine, formatMinor, parseMajor } from '@app/core';
import { stageOf } from './deal-csv';

describe('deal CSV helpers', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['Acme, Inc.', '"Acme, Inc."'],
    ['line\nbreak', '"line\nbreak"'],
    ['plain', 'plain'],
  ])('escapes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers as they are and empty cells for null', () => {
    expect(csvLine(['a', 12, null, undefined])).toBe('a,12,,\r\n');
  });

  it.each([
    [123456, 'EUR', '1234.56'],
    [5, 'USD', '0.05'],
    [5000, 'JPY', '5000'],
    [1234, 'KWD', '1.234'],
  ])('formats %d %s minor units as %s', (amount, currency, text) => {
    expect(formatMinor(amount, currency)).toBe(text);
    expect(parseMajor(text, currency)).toBe(amount);
  });

  it('refuses amounts that are negative, too precise or not numbers', () => {
    expect(parseMajor('-5', 'USD')).toBeNull();
    expect(parseMajor('1.001', 'USD')).toBeNull();
    expect(parseMajor('ten', 'USD')).toBeNull();
    expect(parseMajor('1,250.5', 'USD')).toBe(125050);
  });

  it('reads CRM stage names and raw statuses', () => {
    expect(stageOf('Closed Won')).toBe('won');
    expect(stageOf('approved')).toBe('approved');
    expect(stageOf('Negotiation')).toBeNull();
  });
});
