import { parseArgs } from 'node:util';

/**
 * `--name value` flags for evaluate/bench scripts, with defaults and a usage text; unknown flags
 * are an error that prints the usage (so a typo never silently runs the default).
 */
export function cliArgs<T extends Record<string, string>>(usage: string, defaults: T, argv = process.argv.slice(2)): T {
  const options = Object.fromEntries(Object.keys(defaults).map((name) => [name, { type: 'string' as const }]));
  try {
    const { values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean' } }, allowPositionals: false });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const merged = { ...defaults };
    for (const [key, value] of Object.entries(values)) if (typeof value === 'string') (merged as Record<string, string>)[key] = value;
    return merged;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}
