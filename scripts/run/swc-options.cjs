// How ELK's TypeScript is compiled, by the tests (jest.config.js) and at run time (register-typescript.cjs): legacy
// decorators with their metadata (Nest's dependency injection reads the constructor parameter types), CommonJS.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
