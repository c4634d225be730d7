/** Runs the CLI's `main` in process, capturing what it prints. */
import { main } from '../src/cli/main.js';

export function runMain(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  if (typeof code !== 'number') throw new Error('this command runs asynchronously: use runMainAsync');
  return { code, stdout, stderr };
}

/** The same for commands that may finish asynchronously (converting trained models). */
export async function runMainAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}
