// Lets `require` load ELK's TypeScript (`npm start`, the distributed services, the bench and ops scripts): each file
// is compiled by swc with the tests' options (swc-options.cjs) and the output kept under
// node_modules/.cache/elk/typescript, one file per source file, reused while the source and the compiler are unchanged. A start whose files are all cached loads
// neither swc nor TypeScript (a require hook compiling at every start, as @swc-node/register did, cost ~60 MB and ~0.4 s of CPU).
// The output carries inline source maps: `NODE_OPTIONS=--enable-source-maps npm start` gives stack traces with the
// TypeScript lines. Not by default: Node then reads the source map of every module loaded, node_modules included
// (~0.2 s of CPU and ~10 MB more at start).
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/elk/typescript');

const SWC_OPTIONS = require('./swc-options.cjs');

let swc;
/** Read from @swc/core's package.json, so that a start whose files are all cached does not load swc. */
const SWC_VERSION = JSON.parse(fs.readFileSync(require.resolve('@swc/core/package.json'), 'utf8')).version;
/** Output of another compiler version or other options is not reused. */
const KEY = `${SWC_VERSION} ${JSON.stringify(SWC_OPTIONS)}`;

function compileCached(source, filename) {
  const hash = crypto.createHash('sha256').update(KEY).update('\0').update(source).digest('hex');
  // One cache file per source file: its first line holds the hash of what it was compiled from.
  const cached = path.join(CACHE_DIR, `${crypto.createHash('sha256').update(filename).digest('hex').slice(0, 32)}.js`);
  const stamp = `// ${hash}\n`;
  try {
    const text = fs.readFileSync(cached, 'utf8');
    if (text.startsWith(stamp)) return text.slice(stamp.length);
  } catch {
    // not cached yet
  }
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename });
  const temporary = `${cached}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(temporary, stamp + code);
    fs.renameSync(temporary, cached);
  } catch {
    // A cache that cannot be written costs a compile at the next start, nothing more.
    fs.rmSync(temporary, { force: true });
  }
  return code;
}

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(compileCached(fs.readFileSync(filename, 'utf8'), filename), filename);
};
