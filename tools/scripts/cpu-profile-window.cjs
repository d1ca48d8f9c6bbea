// Preload: `NODE_OPTIONS="--require <this file>" CPU_PROFILE_DIR=<folder> node …` — the first SIGWINCH starts a V8 CPU
// profile of the process, the next one writes it to <folder>/CPU.<pid>.<n>.cpuprofile (the same format as
// `node --cpu-prof`, read by tools/scripts/cpu-profile-top.mjs). Why not `--cpu-prof`: it profiles start-up too
// (module compilation dominates a short run) and writes nothing when the process ends by a signal, which is how
// NestJS apps stop (they re-raise SIGTERM after closing). Evaluations send the two signals around their measured phase.
// SIGWINCH because its default is to do nothing, and NestJS' enableShutdownHooks() stops the app on SIGUSR2.
// Model worker threads are not profiled: their cost is the model's, read as process CPU time.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const inspector = require('node:inspector');
const { isMainThread } = require('node:worker_threads');

const folder = process.env.CPU_PROFILE_DIR;
// The main thread only (a preload also runs in worker threads, which get no signals): the HTTP and request work.
if (folder && isMainThread) {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  let written = 0;
  process.on('SIGWINCH', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')));
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) return console.error(`cpu-profile-window: ${error.message}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `CPU.${process.pid}.${++written}.cpuprofile`), JSON.stringify(withoutOwnSamples(result.profile)));
    });
  });
}

/** The profile less the samples taken inside this file (the profiler stopping itself: ~0.5 s on a loaded machine). */
function withoutOwnSamples(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const own = new Set();
  const stack = [{ node: profile.nodes[0], inside: false }];
  while (stack.length) {
    const { node, inside } = stack.pop();
    const here = inside || node.callFrame.url.endsWith('cpu-profile-window.cjs');
    if (here) own.add(node.id);
    for (const child of node.children ?? []) stack.push({ node: byId.get(child), inside: here });
  }
  const keep = profile.samples.map((id) => !own.has(id));
  return { ...profile, samples: profile.samples.filter((_, i) => keep[i]), timeDeltas: profile.timeDeltas.filter((_, i) => keep[i]) };
}
