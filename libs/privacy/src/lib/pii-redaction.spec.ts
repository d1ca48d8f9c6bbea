import { ibanValid, luhnValid, parsePiiRedaction, PII_KINDS, redactPii, remapOffset } from './pii-redaction';

const redacted = (text: string, kinds = PII_KINDS) => redactPii(text, kinds).text;

describe('luhnValid', () => {
  it('accepts test card numbers and refuses one digit off', () => {
    for (const n of ['4111111111111111', '5500005555555559', '378282246310005', '6011111111111117', '4222222222222']) expect(luhnValid(n)).toBe(true);
    for (const n of ['4111111111111112', '1234567812345678', '12a4']) expect(luhnValid(n)).toBe(false);
  });
});

describe('ibanValid', () => {
  it('checks ISO 13616 mod 97, grouped or not, any case', () => {
    for (const iban of [
      'GB82 WEST 1234 5698 7654 32',
      'GB82WEST12345698765432',
      'de89370400440532013000',
      'FR14 2004 1010 0505 0001 3M02 606',
      'NL91ABNA0417164300',
    ])
      expect(ibanValid(iban)).toBe(true);
    for (const iban of ['GB83 WEST 1234 5698 7654 32', 'GB82 WEST 1234 5698 7654 33', 'XX', 'GB82 WEST']) expect(ibanValid(iban)).toBe(false);
  });
});

describe('redactPii', () => {
  it('replaces e-mail, phone, card and IBAN with placeholders and reports the spans', () => {
    const text = 'Mail anna.smith+shop@example.co.uk, call +44 20 7946 0958, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32 thanks';
    const result = redactPii(text);
    expect(result.text).toBe('Mail [email], call [phone], card [card], IBAN [iban] thanks');
    expect(result.spans.map((s) => s.kind)).toEqual(['email', 'phone', 'card', 'iban']);
    for (const span of result.spans) {
      expect(result.text.slice(span.redactedStart, span.redactedEnd)).toBe(`[${span.kind}]`);
    }
    expect(text.slice(result.spans[0].start, result.spans[0].end)).toBe('anna.smith+shop@example.co.uk');
    expect(text.slice(result.spans[1].start, result.spans[1].end)).toBe('+44 20 7946 0958');
    expect(text.slice(result.spans[2].start, result.spans[2].end)).toBe('4111 1111 1111 1111');
    expect(text.slice(result.spans[3].start, result.spans[3].end)).toBe('GB82 WEST 1234 5698 7654 32');
  });

  it('leaves text without PII untouched (same string, no spans)', () => {
    const text = 'The battery life is great, 5 stars.';
    const result = redactPii(text);
    expect(result.text).toBe(text);
    expect(result.spans).toEqual([]);
    expect(redactPii('').text).toBe('');
  });

  it('finds e-mail addresses in any script', () => {
    expect(redacted('Écrivez à josé.müller@exämple.de, merci')).toBe('Écrivez à [email], merci');
    expect(redacted('mail:bob@mail.example.org.')).toBe('mail:[email].');
    expect(redacted('not an address: user@localhost or @handle')).toBe('not an address: user@localhost or @handle');
  });

  it('finds card numbers with spaces, dashes or none — only when the Luhn check passes', () => {
    expect(redacted('4111-1111-1111-1111')).toBe('[card]');
    expect(redacted('card 4111111111111111 exp 12/27')).toBe('card [card] exp 12/27');
    expect(redacted('amex 3782 822463 10005.')).toBe('amex [card].');
    expect(redacted('card 4111 1111 1111 1112')).toBe('card 4111 1111 1111 1112');
    expect(redacted('card 4111111111111111 12')).toBe('card [card] 12');
  });

  it('finds IBANs grouped or not — only when mod 97 holds', () => {
    expect(redacted('IBAN DE89 3704 0044 0532 0130 00 please')).toBe('IBAN [iban] please');
    expect(redacted('to NL91ABNA0417164300.')).toBe('to [iban].');
    expect(redacted('IBAN GB83 WEST 1234 5698 7654 32')).toBe('IBAN GB83 WEST 1234 5698 7654 32');
  });

  it('finds phone numbers in international and national formats', () => {
    for (const phone of [
      '+44 20 7946 0958',
      '+1 (555) 123-4567',
      '+33612345678',
      '0044 20 7946 0958',
      '020 7946 0958',
      '(555) 123-4567',
      '555-123-4567',
      '555.123.4567',
      '06 12 34 56 78',
      '0612345678',
      '030-1234567',
      '(030) 1234 5678',
    ])
      expect([phone, redacted(`call ${phone} today`)]).toEqual([phone, 'call [phone] today']);
  });

  it('does not take plain numbers, dates, times, prices or IPs for phone numbers', () => {
    for (const text of [
      'order 12345678 shipped',
      'on 2024-01-15 at 10:30',
      'on 15.01.2024',
      'on 01 02 2024',
      'it cost $1,299.99 or 1.299,00 €',
      'pi is 3.14159265',
      'server 192.168.100.200',
      'ref 1234 5678 9012 34',
      'scored 9 out of 10, 100 %',
    ])
      expect(redacted(text)).toBe(text);
  });

  it('keeps a phone number found after another number in the same run', () => {
    expect(redacted('rated 5 0612 345 678')).toBe('rated 5 [phone]');
  });

  it('redacts only the kinds asked for', () => {
    const text = 'a@b.example 4111 1111 1111 1111';
    expect(redacted(text, ['email'])).toBe('[email] 4111 1111 1111 1111');
    expect(redacted(text, ['card'])).toBe('a@b.example [card]');
    expect(redacted(text, [])).toBe(text);
  });

  it('counts offsets in UTF-16 units around emoji and accents', () => {
    const text = '😀 é mail x@y.example 😀 +44 20 7946 0958';
    const result = redactPii(text);
    expect(result.text).toBe('😀 é mail [email] 😀 [phone]');
    const [email, phone] = result.spans;
    expect(text.slice(email.start, email.end)).toBe('x@y.example');
    expect(result.text.slice(phone.redactedStart, phone.redactedEnd)).toBe('[phone]');
  });
});

describe('remapOffset', () => {
  const text = 'Hi a@b.example great battery, card 4111 1111 1111 1111 bad screen';
  const { text: out, spans } = redactPii(text);

  it('moves offsets after a span by the length change, before it not at all', () => {
    expect(remapOffset(spans, 0, 'start')).toBe(0);
    const battery = text.indexOf('battery');
    expect(out.slice(remapOffset(spans, battery, 'start'), remapOffset(spans, battery + 7, 'end'))).toBe('battery');
    const screen = text.indexOf('screen');
    expect(out.slice(remapOffset(spans, screen, 'start'), remapOffset(spans, screen + 6, 'end'))).toBe('screen');
    expect(remapOffset(spans, text.length, 'end')).toBe(out.length);
  });

  it('widens a range that cuts into a span to its whole placeholder', () => {
    const cardStart = text.indexOf('4111');
    expect(out.slice(remapOffset(spans, cardStart + 3, 'start'), remapOffset(spans, cardStart + 8, 'end'))).toBe('[card]');
  });
});

describe('parsePiiRedaction', () => {
  it('defaults to every kind, turns off, or lists kinds', () => {
    expect(parsePiiRedaction(undefined)).toEqual([...PII_KINDS]);
    expect(parsePiiRedaction('')).toEqual([...PII_KINDS]);
    expect(parsePiiRedaction('off')).toEqual([]);
    expect(parsePiiRedaction('phone, EMAIL')).toEqual(['email', 'phone']);
    expect(() => parsePiiRedaction('email,ssn')).toThrow('unknown PII kind ssn');
  });
});
