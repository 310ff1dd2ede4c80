import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/**
 * Reads a password without it ever touching argv or shell history: from a hidden prompt on a
 * terminal (asked twice), or as the first line of standard input when piped.
 */
export async function readPassword(
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    let data = '';
    for await (const chunk of input) data += String(chunk);
    return data.split(/\r?\n/)[0] ?? '';
  }
  const first = await promptHidden('Password: ', input, output);
  const second = await promptHidden('Repeat password: ', input, output);
  if (first !== second) throw new Error('The passwords do not match');
  return first;
}

function promptHidden(
  question: string,
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
): Promise<string> {
  output.write(question);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
  });
}
