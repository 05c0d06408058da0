// Accounts from the shell, for the first admin and for recovery:
//   npm run user -- create <username> --role ADMIN|EDITOR|VIEWER [--department <code|name|alias>]
//   npm run user -- password <username>
//   npm run user -- disable <username> | enable <username>
//   npm run user -- list
// The password is read from the USER_PASSWORD environment variable or, when unset, from the
// first line of standard input (never from the command line, which other users can see).
import { createInterface } from 'node:readline';
import { readConfig } from '../config';
import { initORM, type Em } from '../orm';
import { createServices } from '../services';
import { cliActor } from '../common/actor';
import { validateInput } from '../common/validation';
import { CreateUserInput, UpdateUserInput } from '../../schema/accounts/account.inputs';
import { User } from '../../schema/accounts/user.entity';
import { AppError } from '../errors';

const USAGE = 'usage: npm run user -- create <username> --role ADMIN|EDITOR|VIEWER [--department <name>] | password <username> | disable <username> | enable <username> | list';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function readPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new Error('no password given: set USER_PASSWORD or pipe it on standard input');
}

const [command, username] = process.argv.slice(2);
if (!command || (command !== 'list' && !username)) {
  console.error(USAGE);
  process.exit(2);
}

const orm = await initORM(readConfig().database);
const em = orm.em.fork() as Em;
const services = createServices(em, cliActor());
try {
  if (command === 'list') {
    for (const u of await em.find(User, {}, { populate: ['department'], orderBy: { username: 'asc' } })) {
      console.log(`${u.username}\t${u.role}\t${u.department?.name ?? ''}${u.disabled ? '\tdisabled' : ''}`);
    }
  } else if (command === 'create') {
    const input = await validateInput(CreateUserInput, { username, role: option('role'), department: option('department'), password: await readPassword() });
    const user = await services.accounts.createUser(input);
    console.log(`created ${user.username} (${user.role})`);
  } else if (command === 'password' || command === 'disable' || command === 'enable') {
    const user = await em.findOne(User, { username });
    if (!user) throw new AppError('NOT_FOUND' as never, `no user ${username}`);
    const patch = await validateInput(UpdateUserInput, command === 'password' ? { password: await readPassword() } : { disabled: command === 'disable' });
    await services.accounts.updateUser(String(user.id), patch);
    console.log(`${command === 'password' ? 'changed the password of' : `${command}d`} ${username}; their sessions were ended`);
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof AppError ? `refused (${error.code}): ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await orm.close();
}
