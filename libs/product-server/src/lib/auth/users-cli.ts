import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { PLATFORM_DATABASE, productDatabaseUrl, workspaceProducts } from '@matrix/db';
import { STAFF_ROLES, type StaffRole } from './access';
import { EVERY_PRODUCT, IdentityError, IdentityStore, isStaffRole } from './identity-store';
import { openPlatformDatabase } from './identity-settings';
import { generatePassword } from './secrets';

export const USERS_USAGE = `Usage: npm run users -- <command> [options]

Staff accounts in the shared identity store (the platform database: PLATFORM_DATABASE_URL, else derived
from DATABASE_URL, else tmp/platform.db). Roles: ${STAFF_ROLES.join(', ')}; a role is held per product.

  create --admin <email>                         an admin in every product
  create <email> --role <role> --product <p>     a user with a role in one product
      [--name <name>] [--password-stdin]         password from stdin, else generated and printed once
  list                                           every user and their roles
  set-role <email> --role <role|none> --product <p>   set (none: remove) a role in one product ("*" = every product)
  set-password <email> [--password-stdin]        a new password (generated and printed once without --password-stdin)
  disable <email> | enable <email>               a disabled user cannot sign in; their sessions end
  token create <email> --product <p> --name <n> [--role <role>]   an API token (printed once)
  ensure-first-admin [--file <path>]             no user yet: creates admin@localhost with a generated password
                                                 written to <path> (mode 0600; default tmp/first-admin.txt)

Options: --url <database url> (instead of the platform database of the environment)`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** The whole of stdin (for --password-stdin). */
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

function roleOption(value: string | undefined): StaffRole {
  if (!isStaffRole(value)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}`);
  return value;
}

function roleOrNone(value: string | undefined): StaffRole | null {
  if (value === 'none') return null;
  if (!isStaffRole(value)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}, none`);
  return value;
}

function productOption(value: string | undefined, allowEvery = false): string {
  if (!value) throw new UsageError('--product is required');
  if (allowEvery && value === EVERY_PRODUCT) return value;
  const known = workspaceProducts();
  const key = value.replace(/-api$/, '');
  if (!known.includes(key)) throw new UsageError(`unknown product '${value}': one of ${known.join(', ')}${allowEvery ? ', *' : ''}`);
  return key;
}

async function passwordFrom(stdin: boolean, io: CliIo): Promise<{ password: string; generated: boolean }> {
  if (!stdin) return { password: generatePassword(), generated: true };
  const text = (await io.readStdin()).replace(/\r?\n$/, '');
  if (!text) throw new UsageError('--password-stdin: stdin was empty');
  return { password: text, generated: false };
}

/** `npm run users -- …`; returns the exit code. */
export async function runUsersCli(argv: string[], io: CliIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        admin: { type: 'string' },
        role: { type: 'string' },
        product: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        url: { type: 'string' },
        file: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USERS_USAGE}`);
    return 2;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USERS_USAGE);
    return values.help ? 0 : 2;
  }

  const url = (values.url as string | undefined) ?? productDatabaseUrl(PLATFORM_DATABASE, io.env);
  let store: IdentityStore | undefined;
  const open = async () => (store ??= new IdentityStore((await openPlatformDatabase(url)).client));
  const userByEmail = async (email: string | undefined) => {
    if (!email) throw new UsageError('an e-mail address is required');
    const user = await (await open()).findByEmail(email);
    if (!user) throw new UsageError(`no user with e-mail ${email}`);
    return user;
  };

  try {
    switch (command) {
      case 'create': {
        const email = (values.admin as string | undefined) ?? rest[0];
        if (!email) throw new UsageError('create needs --admin <email> or <email> --role <role> --product <product>');
        const roles = values.admin
          ? [{ product: EVERY_PRODUCT, role: 'admin' as StaffRole }]
          : [{ product: productOption(values.product as string, true), role: roleOption(values.role as string) }];
        const { password, generated } = await passwordFrom(values['password-stdin'] === true, io);
        const user = await (await open()).createUser({ email, name: values.name as string | undefined, password, roles });
        io.out(`created ${user.email} (${roles.map((r) => `${r.role} in ${r.product === EVERY_PRODUCT ? 'every product' : r.product}`).join(', ')})`);
        if (generated) io.out(`password (shown once): ${password}`);
        return 0;
      }
      case 'list': {
        const s = await open();
        const users = await s.listUsers();
        if (!users.length) io.out('no users yet: npm run users -- create --admin <email>');
        for (const user of users) {
          const roles = (await s.rolesOf(user.id)).map((r) => `${r.product === EVERY_PRODUCT ? '*' : r.product}:${r.role}`).join(' ') || '(no role)';
          io.out(`${user.email.padEnd(32)} ${roles}${user.disabled ? '  [disabled]' : ''}`);
        }
        return 0;
      }
      case 'set-role': {
        const user = await userByEmail(rest[0]);
        const product = productOption(values.product as string, true);
        const role = roleOrNone(values.role as string);
        await (await open()).setRole(user.id, product, role);
        io.out(
          role ? `${user.email} is ${role} in ${product === EVERY_PRODUCT ? 'every product' : product}` : `${user.email} has no own role in ${product} now`,
        );
        return 0;
      }
      case 'set-password': {
        const user = await userByEmail(rest[0]);
        const { password, generated } = await passwordFrom(values['password-stdin'] === true, io);
        await (await open()).setPassword(user.id, password);
        io.out(`new password set for ${user.email}`);
        if (generated) io.out(`password (shown once): ${password}`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const user = await userByEmail(rest[0]);
        await (await open()).setDisabled(user.id, command === 'disable');
        io.out(`${user.email} ${command}d`);
        return 0;
      }
      case 'token': {
        if (rest[0] !== 'create') throw new UsageError('token create <email> --product <p> --name <n> [--role <role>]');
        const user = await userByEmail(rest[1]);
        const product = productOption(values.product as string);
        if (!values.name) throw new UsageError('--name is required (what the token is for)');
        const held = await (await open()).roleIn(user.id, product);
        if (!held) throw new UsageError(`${user.email} has no role in ${product}`);
        const role = values.role ? roleOption(values.role as string) : held.role;
        if (!(held.role === 'admin' || role === 'viewer' || role === held.role))
          throw new UsageError(`a token cannot hold more than its owner's role (${held.role})`);
        const { id, token } = await (await open()).createApiToken({ userId: user.id, product, name: values.name as string, role });
        io.out(`token ${id} for ${user.email}, ${role} in ${product} (shown once; send it as Authorization: Bearer <token>):`);
        io.out(token);
        return 0;
      }
      case 'ensure-first-admin': {
        const s = await open();
        if ((await s.countUsers()) > 0) return 0;
        const file = (values.file as string | undefined) ?? 'tmp/first-admin.txt';
        const password = generatePassword();
        await s.createUser({ email: 'admin@localhost', name: 'Administrator', password, roles: [{ product: EVERY_PRODUCT, role: 'admin' }] });
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `email: admin@localhost\npassword: ${password}\n`, { mode: 0o600 });
        chmodSync(file, 0o600);
        io.out(`created the first admin admin@localhost (admin in every product); its password is in ${file}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USERS_USAGE}`);
      return 2;
    }
    if (error instanceof IdentityError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await store?.db.$disconnect();
  }
}
