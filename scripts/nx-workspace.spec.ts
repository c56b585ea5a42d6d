import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');

interface ProjectGraph {
  nodes: Record<string, { data: { root: string; targets?: Record<string, unknown> } }>;
  dependencies: Record<string, Array<{ source: string; target: string }>>;
}

/**
 * The workspace's project graph as Nx computes it (`nx graph --file`), read once for every question below: each nx
 * start computes the graph afresh (~1.5 s of CPU), and the graph holds what `nx show projects` answers.
 */
function projectGraph(): ProjectGraph {
  const dir = mkdtempSync(join(tmpdir(), 'elk-nx-graph-'));
  try {
    const file = join(dir, 'graph.json');
    execFileSync('npx', ['nx', 'graph', `--file=${file}`], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
    return (JSON.parse(readFileSync(file, 'utf8')) as { graph: ProjectGraph }).graph;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the Nx workspace', () => {
  let graph: ProjectGraph;
  beforeAll(() => {
    graph = projectGraph();
  }, 60_000);

  const projects = () => Object.keys(graph.nodes).sort();
  /**
   * The projects `nx affected` runs for a change to `file`: the project whose root holds it (the deepest), and every
   * project that depends on that one, directly or not.
   */
  function affectedBy(file: string): string[] {
    const owner = projects()
      .filter((name) => graph.nodes[name]!.data.root === '.' || file.startsWith(`${graph.nodes[name]!.data.root}/`))
      .sort((a, b) => graph.nodes[b]!.data.root.length - graph.nodes[a]!.data.root.length)[0]!;
    const affected = new Set([owner]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const dependency of Object.values(graph.dependencies).flat()) {
        if (affected.has(dependency.target) && !affected.has(dependency.source)) {
          affected.add(dependency.source);
          grew = true;
        }
      }
    }
    return [...affected].sort();
  }

  it('knows from the imports what a change can break', () => {
    // Without source analysis (nx.json pluginsConfig) the graph has no edges and a lib change tests only the lib.
    const eventStoreChange = affectedBy('libs/eventstore/src/index.ts');
    expect(eventStoreChange).toEqual(expect.arrayContaining(['eventstore', 'documents', 'service-kit', 'catalog', 'identity', 'organisation', 'notifications', 'elk']));
    expect(eventStoreChange).not.toContain('contracts');
    expect(eventStoreChange).not.toContain('web');
    expect(affectedBy('services/catalog/src/index.ts')).toEqual(['catalog', 'elk']);
  });

  it('gives every project lint and test targets, and the cabinet its build', () => {
    const withTarget = (target: string) => projects().filter((name) => graph.nodes[name]!.data.targets?.[target] !== undefined);
    expect(withTarget('lint')).toEqual(projects());
    expect(withTarget('test')).toEqual(projects().filter((name) => name !== 'web'));
    expect(withTarget('build')).toEqual(['web']);
  });
});
