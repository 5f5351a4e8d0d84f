import { describe, expect, it } from 'vitest';
import { csvDocument, csvField } from './csv.ts';

describe('CSV fields and documents', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvField('东安社区第03网格')).toBe('东安社区第03网格');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(63.25)).toBe('63.25');
  });

  it('neutralises text a spreadsheet would run as a formula, not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM')).toBe("'@SUM");
    expect(csvField(-2.5)).toBe('-2.5');
  });

  it('writes a BOM, a header and CRLF lines', () => {
    expect(
      csvDocument(
        ['部门', '结案率(%)'],
        [
          ['城管局', 75.5],
          ['合计', null],
        ],
      ),
    ).toBe('\uFEFF部门,结案率(%)\r\n城管局,75.5\r\n合计,\r\n');
  });
});
