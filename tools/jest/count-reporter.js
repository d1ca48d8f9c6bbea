// Records each Jest run's pass/fail/skip counts in tmp/test-results/ so that
// `npm test` can print one total line ("N passed, N failed") across all projects.
const fs = require('node:fs');
const path = require('node:path');

class CountReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '..', '..', 'tmp', 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    // Named after the Nx project so that Nx can cache and restore the file as the test target's output.
    const projectJson = path.join(this.rootDir, 'project.json');
    const name = fs.existsSync(projectJson) ? JSON.parse(fs.readFileSync(projectJson, 'utf8')).name : 'root';
    const record = {
      project: name,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suitesFailed: results.numFailedTestSuites,
    };
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(record));
  }
}

module.exports = CountReporter;
