/** Asks for a secret; null when there is no terminal to ask on. */
export type SecretReader = (prompt: string) => Promise<string | null>;

export class SecretEntryCancelledError extends Error {
  override readonly name = 'SecretEntryCancelledError';
  constructor() {
    super('Entry cancelled');
  }
}

/** Reads a line from the terminal without echoing it, so the secret appears neither on screen nor in history. */
export const readSecretFromTerminal: SecretReader = (prompt) => {
  const { stdin, stderr } = process;
  if (!stdin.isTTY || !stderr.isTTY) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    let entered = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(() => resolve(entered));
        // Ctrl-C and Ctrl-D: raw mode swallows the signal, so cancel here.
        if (char === '\u0003' || char === '\u0004') return finish(() => reject(new SecretEntryCancelledError()));
        entered = char === '\u007f' || char === '\b' ? [...entered].slice(0, -1).join('') : entered + char;
      }
    };
    stderr.write(prompt);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
};
