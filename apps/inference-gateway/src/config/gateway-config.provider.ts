/** Injection token for the validated GatewayConfig (built once in main.ts or by tests). */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
