// Jest's module runtime, compiling each module as a script so that V8 compiles it once per worker instead of once per
// test file. Jest runs every test file in a context of its own and loads its modules afresh there (isolation stays as
// it is: each file still evaluates its own copy of every module). Jest 30 compiles them with vm.compileFunction, which
// V8 never finds in its compilation cache; a vm.Script with the same source and file name is found there, from any
// context, with the functions the earlier files ran already compiled. On Node 20 with VM modules on, a script given
// an importModuleDynamically callback is not cached either: the few modules with a dynamic import() (PGlite's loader)
// keep jest's own compile. Measured in decision 0003 (2026-12-07, afternoon).
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

const DYNAMIC_IMPORT = /\bimport\s*\(/;

class ScriptCompilingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const { executor } = this;
    const compileFunction = executor.compile.bind(executor);
    // The module's code on the lines it has in its file (lineOffset), so stack traces and source maps still match.
    const header = `(function (${executor.injectedModuleParameters.join(', ')}) {\n`;
    executor.compile = (source, filename) => {
      // Node's own modules (jest names them jest-nodejs-core-…) and dynamic imports: jest's compile.
      if (!filename.startsWith('/') || DYNAMIC_IMPORT.test(source)) return compileFunction(source, filename);
      const context = executor.environment.getVmContext();
      if (context == null) return null;
      let script;
      try {
        script = new vm.Script(`${header}${source}\n})`, { filename, lineOffset: -1 });
      } catch {
        // A syntax error: jest's compile reports it as jest does.
        return compileFunction(source, filename);
      }
      return script.runInContext(context);
    };
  }
}

module.exports = ScriptCompilingRuntime;
