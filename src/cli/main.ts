#!/usr/bin/env node
/** Entry point of the headless `dagger-tutor` command (`npm run -s cli -- …`). */
import { runCli } from './cli.js';
import type { CliIO } from './command.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const io: CliIO = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  readStdin,
  env: process.env,
};

process.exitCode = await runCli(process.argv.slice(2), io);
