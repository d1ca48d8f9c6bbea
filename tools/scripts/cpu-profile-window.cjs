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
      writeFileSync(join(folder, `CPU.${process.pid}.${++written}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
