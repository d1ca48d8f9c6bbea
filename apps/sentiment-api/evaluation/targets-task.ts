/** Placeholder until the targeted-sentiment evaluation lands: says so instead of printing a figure. */
export async function runTargetsTask(_apiUrl: string, _options: { dataset: string; seed: number }, log: (line: string) => void): Promise<void> {
  log('targets: not implemented yet');
}
