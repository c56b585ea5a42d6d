/** Runs an ops command as the operator would, in a child process, for the tests. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface CommandOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runOpsCommand(script: 'create-organisation' | 'replay-projection' | 'verify-journal', args: string[], env: Record<string, string> = {}): Promise<CommandOutcome> {
  // Without jest's NODE_OPTIONS (VM modules): the command runs as plain Node.
  const { NODE_OPTIONS: _, ...inherited } = process.env;
  const child = spawn(process.execPath, ['-r', './scripts/run/register-typescript.cjs', join('scripts/ops', `${script}.ts`), ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
