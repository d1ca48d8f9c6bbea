import { Inject, Injectable } from '@nestjs/common';
import { redactPii, type PiiKind, type Redaction } from '@matrix/privacy';
import { PRODUCT_CONFIG } from '../app/tokens';
import type { ProductConfig } from '../config/product-config';

/**
 * The product's PII redaction (issue 14): what end users typed goes through `redact` before it is stored, with the
 * kinds the product's `<PRODUCT>_PII_REDACTION` selects (default all: e-mail, phone, card, IBAN). Models keep working
 * on the original text in memory; only storage gets the placeholders.
 */
@Injectable()
export class PiiRedactor {
  readonly kinds: readonly PiiKind[];

  constructor(@Inject(PRODUCT_CONFIG) config: ProductConfig) {
    this.kinds = config.privacy.piiRedaction;
  }

  /** The text to store and the spans replaced (offsets in the original and the redacted text). */
  redact(text: string): Redaction {
    return redactPii(text, this.kinds);
  }

  /** Just the text to store. */
  text(text: string): string {
    return redactPii(text, this.kinds).text;
  }

  /** The same for a text that may be absent. */
  optional<T extends string | null | undefined>(text: T): T {
    return (typeof text === 'string' ? this.text(text) : text) as T;
  }
}
