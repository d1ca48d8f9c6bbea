/** Injection token of the validated ProductConfig: `@Inject(PRODUCT_CONFIG) config: ProductConfig`. */
export const PRODUCT_CONFIG = 'matrix:ProductConfig';
/**
 * Injection token of the environment the app was created with (process.env, or a test's own),
 * for the product's extra variables: `parseEnvironment(schema, env, name)`.
 */
export const PRODUCT_ENV = 'matrix:ProductEnv';
