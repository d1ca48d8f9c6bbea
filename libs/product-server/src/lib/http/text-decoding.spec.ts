import { declaredCharset, decodeText, TextEncodingError } from './text-decoding';
import { firstInvalidUtf8 } from './invalid-utf8';

const latin1 = Buffer.from('name,comment\nRené,très bien\n', 'latin1');

describe('decodeText', () => {
  it('decodes UTF-8 and drops a leading BOM', () => {
    expect(decodeText(Buffer.from('\uFEFFcafé,ok', 'utf8'))).toBe('café,ok');
    expect(decodeText(Buffer.from('plain', 'utf8'), 'text/csv; charset=UTF-8')).toBe('plain');
  });

  it('refuses bytes that are not UTF-8, saying the line and byte offset', () => {
    let error: unknown;
    try {
      decodeText(latin1, 'text/csv', 'the file');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TextEncodingError);
    expect((error as TextEncodingError).message).toBe('the file is not valid UTF-8 (first invalid byte at line 2, byte offset 16)');
    expect((error as TextEncodingError).position).toEqual({ byte: 16, line: 2 });
  });

  it('decodes the charset the Content-Type declares', () => {
    expect(decodeText(latin1, 'text/csv; charset=iso-8859-1')).toBe('name,comment\nRené,très bien\n');
    expect(decodeText(latin1, 'text/csv;charset="windows-1252"')).toBe('name,comment\nRené,très bien\n');
    expect(() => decodeText(latin1, 'text/csv; charset=klingon')).toThrow("the declared charset 'klingon' is not one this API can decode");
  });

  it('reads UTF-16 with its BOM (Excel "Unicode text")', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\nç,d', 'utf16le')]))).toBe('a,b\nç,d');
  });

  it('reads the charset parameter', () => {
    expect(declaredCharset('text/markdown; charset=ISO-8859-1')).toBe('iso-8859-1');
    expect(declaredCharset('application/json')).toBeUndefined();
  });
});

describe('firstInvalidUtf8', () => {
  it('finds stray, cut short, overlong and surrogate sequences; none in valid text', () => {
    expect(firstInvalidUtf8(Buffer.from('ok ✓ 😀 é\n', 'utf8'))).toBeUndefined();
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x0a, 0x80]))).toEqual({ byte: 2, line: 2 });
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toEqual({ byte: 1, line: 1 });
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0xaf]))).toEqual({ byte: 0, line: 1 });
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toEqual({ byte: 0, line: 1 });
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toEqual({ byte: 0, line: 1 });
  });
});
