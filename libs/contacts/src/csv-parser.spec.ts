import { CsvParser, CsvSyntaxError, parseCsv } from './csv-parser';

const parse = (text: string, maxRecordChars = 10_000) => parseCsv(text, { maxRecordChars }).map((r) => r.fields);

describe('CsvParser', () => {
  it('splits plain records on LF, CRLF and CR', () => {
    expect(parse('a,b\n1,2\r\n3,4\r5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('strips a leading BOM', () => {
    expect(parse('\uFEFFemail,name\nx@y.test,X')).toEqual([
      ['email', 'name'],
      ['x@y.test', 'X'],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and embedded newlines', () => {
    expect(parse('a,b,c\r\n"Smith, Jane","say ""hi""","line1\r\nline2"\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['Smith, Jane', 'say "hi"', 'line1\r\nline2'],
    ]);
  });

  it('numbers rows as a spreadsheet does: records, not physical lines, and blank lines skipped', () => {
    const rows = parseCsv('h\n"a\nb"\n\nc\n', { maxRecordChars: 100 });
    expect(rows).toEqual([
      { row: 1, fields: ['h'] },
      { row: 2, fields: ['a\nb'] },
      { row: 4, fields: ['c'] },
    ]);
  });

  it('keeps formula-like values as text', () => {
    expect(parse('a,b\n=SUM(A1),@cmd\n+1,-2')).toEqual([
      ['a', 'b'],
      ['=SUM(A1)', '@cmd'],
      ['+1', '-2'],
    ]);
  });

  it('keeps empty fields, including a trailing one and an empty quoted one', () => {
    expect(parse('a,b,c\n,"",\n')).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
    ]);
  });

  it('detects semicolon and tab separated files from the header', () => {
    expect(parse('email;name\nx@y.test;"A;B"')).toEqual([
      ['email', 'name'],
      ['x@y.test', 'A;B'],
    ]);
    expect(parse('email\tname\nx@y.test\tA,B')).toEqual([
      ['email', 'name'],
      ['x@y.test', 'A,B'],
    ]);
  });

  it('gives the same records whatever the chunking, including a CRLF split across chunks', () => {
    const text = '\uFEFFa,b\r\n"x ""q""\r\ny",2\r\n3,4\r\n';
    const whole = parse(text);
    for (let size = 1; size <= 5; size++) {
      const parser = new CsvParser({ maxRecordChars: 1000 });
      const records = [];
      for (let i = 0; i < text.length; i += size) records.push(...parser.push(text.slice(i, i + size)));
      records.push(...parser.end());
      expect(records.map((r) => r.fields)).toEqual(whole);
      expect(records.map((r) => r.row)).toEqual([1, 2, 3]);
    }
  });

  it('refuses an unterminated quote, naming the row', () => {
    expect(() => parse('a\n"open\nmore')).toThrow(expect.objectContaining({ reason: 'UNTERMINATED_QUOTE', row: 2 }) as CsvSyntaxError);
  });

  it('refuses a record longer than the limit, naming the row', () => {
    expect(() => parse(`a\n${'x'.repeat(50)}\n`, 20)).toThrow(expect.objectContaining({ reason: 'LINE_TOO_LONG', row: 2 }) as CsvSyntaxError);
  });
});
