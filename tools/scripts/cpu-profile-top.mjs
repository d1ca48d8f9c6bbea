// `node tools/scripts/cpu-profile-top.mjs <file-or-folder.cpuprofile> [--top 5]`: where a process spent its CPU.
// Reads V8 CPU profiles written by `node --cpu-prof --cpu-prof-dir=<folder> …` (every *.cpuprofile of a folder,
// summed) and prints the functions with the most self time (time on their own lines, not their callees'),
// then the same grouped by file, so a hot spot shows as "function (file:line)" with its share of the samples.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 5;
const target = args.find((arg, i) => !arg.startsWith('--') && i !== topAt + 1);
if (!target || !Number.isInteger(top) || top < 1) {
  console.error('usage: node tools/scripts/cpu-profile-top.mjs <file.cpuprofile | folder> [--top 5]');
  process.exit(2);
}
const files = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((name) => name.endsWith('.cpuprofile'))
      .map((name) => join(target, name))
  : [target];
if (files.length === 0) {
  console.error(`no .cpuprofile in ${target}`);
  process.exit(1);
}

const byFunction = new Map();
const byFile = new Map();
let totalMs = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  // Each sample is attributed to the node on top of the stack; timeDeltas[i] is the time before sample i.
  const selfMs = new Map();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    totalMs += ms;
    const where = url ? relative(process.cwd(), url.replace(/^file:\/\//, '')) : '';
    const name = `${functionName || '(anonymous)'}${where ? ` (${where}:${lineNumber + 1})` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const fileKey = where || functionName;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + ms);
  }
}

const print = (title, map) => {
  console.log(`\n${title}`);
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([name, ms], i) =>
      console.log(`${String(i + 1).padStart(2)}. ${(ms / 1000).toFixed(2).padStart(7)} s ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${name}`),
    );
};
console.log(
  `${files.length} profile(s) (${files.map((f) => basename(f)).join(', ')}): ${(totalMs / 1000).toFixed(2)} s sampled, idle and (program) left out (sample time is wall-clock time on the stack: on a loaded machine it exceeds CPU time, so read the shares)`,
);
print(`top ${top} functions by self time`, byFunction);
print(`top ${top} files by self time`, byFile);
