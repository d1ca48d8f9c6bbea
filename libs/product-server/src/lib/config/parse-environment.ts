import type { ZodType } from 'zod';

/** A configuration that cannot start the service; the message lists every bad variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables with a zod schema (12-factor: configuration is env only). Blank
 * values count as unset, so `PORT=` falls back to the default instead of failing as "not a number".
 * Throws a ConfigError naming each bad variable and why, so a bad deploy stops at boot, not later.
 */
export function parseEnvironment<T>(schema: ZodType<T>, env: NodeJS.ProcessEnv, service: string): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(`invalid configuration for ${service}:\n${lines.join('\n')}`);
}
