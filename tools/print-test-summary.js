// Prints jest's result files (one per tier) as one plain closing line, "N passed, N failed", for CI to read.
const fs = require('node:fs');
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    // A tier that wrote no results did not run to the end: count it as a failure, never as a pass.
    totals.failed += 1;
    continue;
  }
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  totals.passed += results.numPassedTests;
  totals.failed += results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  totals.skipped += results.numPendingTests + results.numTodoTests;
}
console.log(
  `tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
