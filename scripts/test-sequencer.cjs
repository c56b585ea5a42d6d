// Longest test files first, so that the two jest workers finish together instead of one waiting out a slow
// end-to-end file started last. Jest's own order knows the durations of the previous run, from its cache; a fresh
// CI checkout has none, and jest then orders by file size, which put the e2e files (a system start each) behind
// dozens of unit files. Without a duration, a file's kind (the jest project) estimates it.
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

const ESTIMATED_MS = { e2e: 40_000, integration: 10_000, unit: 500 };

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const estimate = (test) => this.time(test) ?? ESTIMATED_MS[test.context.config.displayName?.name] ?? 0;
    const size = (test) => fs.statSync(test.path).size;
    return [...tests].sort((a, b) => estimate(b) - estimate(a) || size(b) - size(a));
  }
}

module.exports = SlowFirstSequencer;
