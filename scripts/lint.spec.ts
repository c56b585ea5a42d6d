import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cacheProjectGraph } = require('./lint.cjs') as { cacheProjectGraph: () => void };

const root = resolve(__dirname, '..');

/** The rules `npm run lint` reports for `code` if it stood at `file`. */
async function lintRulesFor(file: string, code: string): Promise<Array<string | null>> {
  const [result] = await new ESLint({ cwd: root }).lintText(code, { filePath: join(root, file) });
  return result!.messages.map((message) => message.ruleId);
}

describe('npm run lint keeps the architecture', () => {
  beforeAll(() => cacheProjectGraph(), 60_000);

  it('refuses a service importing another service', async () => {
    const code = "import { OrganisationModule } from '@elk/organisation';\nexport const probe = OrganisationModule;\n";
    expect(await lintRulesFor('services/catalog/src/boundary-probe.ts', code)).toContain('@nx/enforce-module-boundaries');
  });

  it('refuses a decider importing the database', async () => {
    const code = "import { Pool } from 'pg';\nexport const probe = Pool;\n";
    expect(await lintRulesFor('services/catalog/src/units/probe.decider.ts', code)).toContain('no-restricted-imports');
  });

  it('refuses a library importing a service', async () => {
    const code = "import { CatalogModule } from '@elk/catalog';\nexport const probe = CatalogModule;\n";
    expect(await lintRulesFor('libs/service-kit/src/boundary-probe.ts', code)).toContain('@nx/enforce-module-boundaries');
  });

  it('lets the composition root (scripts, e2e) start the services by their package names', async () => {
    const code = "import { CatalogModule } from '@elk/catalog';\nexport const probe = CatalogModule;\n";
    expect(await lintRulesFor('scripts/run/boundary-probe.ts', code)).toEqual([]);
    expect(await lintRulesFor('e2e/boundary-probe.ts', code)).toEqual([]);
  });

  it('lets a service import the libraries', async () => {
    const code = "import { DomainError } from '@elk/contracts';\nexport const probe = DomainError;\n";
    expect(await lintRulesFor('services/catalog/src/boundary-probe.ts', code)).toEqual([]);
  });
});
