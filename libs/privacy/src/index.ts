// PII redaction before storage (issue 14): e-mail, phone, payment card (Luhn), IBAN (mod 97) → `[email]`-style placeholders.
export {
  ibanValid,
  luhnValid,
  parsePiiRedaction,
  PII_KINDS,
  PII_PLACEHOLDERS,
  redactPii,
  remapOffset,
  type PiiKind,
  type PiiSpan,
  type Redaction,
} from './lib/pii-redaction';
