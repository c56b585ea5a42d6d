import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');

function nx(...args: string[]): string {
  return execFileSync('npx', ['nx', ...args], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, encoding: 'utf8' });
}

/** The projects `nx affected` would run for a change to `file`. */
const affectedBy = (file: string) => nx('show', 'projects', '--affected', `--files=${file}`).trim().split('\n').sort();

describe('the Nx workspace', () => {
  it('knows from the imports what a change can break', () => {
    // Without source analysis (nx.json pluginsConfig) the graph has no edges and a lib change tests only the lib.
    const eventStoreChange = affectedBy('libs/eventstore/src/index.ts');
    expect(eventStoreChange).toEqual(expect.arrayContaining(['eventstore', 'documents', 'service-kit', 'catalog', 'identity', 'organisation', 'notifications', 'elk']));
    expect(eventStoreChange).not.toContain('contracts');
    expect(eventStoreChange).not.toContain('web');
    expect(affectedBy('services/catalog/src/index.ts')).toEqual(['catalog', 'elk']);
  }, 60_000);

  it('gives every project lint and test targets, and the cabinet its build', () => {
    const withTarget = (target: string) => nx('show', 'projects', '--with-target', target).trim().split('\n').sort();
    const all = nx('show', 'projects').trim().split('\n').sort();
    expect(withTarget('lint')).toEqual(all);
    expect(withTarget('test')).toEqual(all.filter((name) => name !== 'web'));
    expect(withTarget('build')).toEqual(['web']);
  }, 60_000);
});
