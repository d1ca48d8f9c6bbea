/**
 * The input names a product-trained head's layers model uses (its Input layer names). The gateway fills
 * each input by name, training feeds the same names, so a head trained here is served unchanged.
 * tfjs may suffix a name (`input_ids_1`), so an input is matched by prefix; any other name reads the embedding.
 */
export const TOKEN_IDS_INPUT = 'input_ids';
export const TOKEN_WEIGHTS_INPUT = 'token_weights';
export const EMBEDDING_INPUT = 'embedding';
export const FEATURE_IDS_INPUT = 'feature_ids';
export const FEATURE_VALUES_INPUT = 'feature_values';

/** Every head input, in the order a combined model lists them. */
export const HEAD_INPUT_NAMES = [TOKEN_IDS_INPUT, TOKEN_WEIGHTS_INPUT, EMBEDDING_INPUT, FEATURE_IDS_INPUT, FEATURE_VALUES_INPUT] as const;

export type HeadInputName = (typeof HEAD_INPUT_NAMES)[number];

/** Which head input a model input is, by its name (see above). */
export function headInputName(inputName: string): HeadInputName {
  return HEAD_INPUT_NAMES.find((name) => name !== EMBEDDING_INPUT && inputName.startsWith(name)) ?? EMBEDDING_INPUT;
}
