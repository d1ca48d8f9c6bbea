// `npm run users -- <command>`: staff accounts in the shared identity store (issue 14). See `npm run users -- --help`.
import { runUsersCli } from '@matrix/product-server';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

runUsersCli(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line), readStdin, env: process.env }).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`users: ${error.message}`);
    process.exit(1);
  },
);
