#!/usr/bin/env node
/** Entry point of the headless `dagger-tutor` command (`npm run -s cli -- …`). */
import { runCli } from './cli.js';
import type { CliIO } from './command.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// A reader that stops early (`dagger-tutor export --out - | head`) closes the pipe: that ends the
// command quietly, as it does for any Unix tool, instead of a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const io: CliIO = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  readStdin,
  env: process.env,
};

process.exitCode = await runCli(process.argv.slice(2), io);
