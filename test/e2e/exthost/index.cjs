// Entry of the in-host suite (the @vscode/test-electron contract: a module exporting
// run()). Mocha runs every exthost/*.test.cjs inside the extension host, with the real
// `vscode` API; a summary is written where run.mjs reads it.
const fs = require('node:fs');
const path = require('node:path');
const { Mocha } = require('mocha');

exports.run = function run() {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.cjs')).sort()) mocha.addFile(path.join(__dirname, file));
  const summary = { passes: [], failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (process.env.SLIPWAY_EXTHOST_RESULTS) fs.writeFileSync(process.env.SLIPWAY_EXTHOST_RESULTS, JSON.stringify(summary));
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => summary.passes.push(test.fullTitle()));
    runner.on('fail', (test, error) => summary.failures.push({ title: test.fullTitle(), message: String(error && error.message) }));
  });
};
