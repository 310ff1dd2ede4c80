import '../../config/load-dotenv';
import { NestFactory } from '@nestjs/core';
import { loadEnv } from '../../config/env.validation';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseConfig } from '../../config/configuration';
import { describeDatabase } from '../../database/connection-failure';
import { CreateUserDto } from '../dto/user.dto';
import { passwordProblem } from '../../common/password-policy';
import { USER_ROLES, type User, type UserRole } from '../user.entity';
import { UsersService } from '../users.service';
import { readPassword } from './read-password';
import { UsersCliModule } from './users-cli.module';

const USAGE = `Usage: npm run users -- <command> [options]

  create --email EMAIL --name NAME [--role attorney|admin]   password from prompt or stdin
  set-password --email EMAIL                                password from prompt or stdin
  deactivate --email EMAIL                                  no more sign-in; tokens revoked
  activate --email EMAIL
  list

The CLI works on the database the service is configured for (DB_TYPE, DB_PATH / DATABASE_URL,
from the environment or .env), and says which on stderr. It will not create a new SQLite file
unless given --create-database (a mistyped DB_PATH would otherwise start an empty database).

Passwords are never taken from the command line. Pipe one in for scripts:
  printf '%s\\n' "$PASSWORD" | npm run users -- create --email a@firm.example --name "A. Finch"`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'attorney' },
      help: { type: 'boolean', short: 'h' },
      'create-database': { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }

  loadEnv(); // bad configuration: fail with just the reasons, before Nest starts
  const db = databaseConfig();
  if (db.type === 'sqlite' && !existsSync(db.path) && !values['create-database']) {
    throw new Error(
      `No database at ${resolve(db.path)} (DB_PATH). Check DB_PATH and the working directory, ` +
        'or pass --create-database to start a new one',
    );
  }
  process.stderr.write(`Database: ${describeDatabase(db)}\n`);
  const app = await NestFactory.createApplicationContext(UsersCliModule, {
    logger: ['error', 'warn'],
  });
  try {
    const users = app.get(UsersService);
    switch (command) {
      case 'list':
        process.stdout.write(`${LIST_HEADER}\n`);
        for (const u of await users.list()) process.stdout.write(`${describe(u)}\n`);
        return 0;
      case 'create': {
        const role = values.role as UserRole;
        if (!values.email || !values.name) throw new Error('create needs --email and --name');
        if (!USER_ROLES.includes(role))
          throw new Error(`--role must be one of ${USER_ROLES.join(', ')}`);
        const input = await validCreateInput(values.email, values.name, role);
        input.password = await validPassword();
        const user = await users.create(input);
        process.stdout.write(`Created ${describe(user)}\n`);
        return 0;
      }
      case 'set-password': {
        if (!values.email) throw new Error('set-password needs --email');
        const user = await users.setPassword(values.email, await validPassword());
        process.stdout.write(`Password changed for ${user.email}; their old tokens are revoked\n`);
        return 0;
      }
      case 'deactivate':
      case 'activate': {
        if (!values.email) throw new Error(`${command} needs --email`);
        const found = await users.findByEmail(values.email);
        if (!found) throw new Error(`No user with email ${values.email}`);
        const active = command === 'activate';
        await users.update(found.id, { active });
        process.stdout.write(
          active
            ? `Activated ${found.email}; they can sign in again\n`
            : `Deactivated ${found.email}; their tokens are revoked\n`,
        );
        return 0;
      }
      default:
        process.stderr.write(`Unknown command: ${command}\n\n${USAGE}\n`);
        return 2;
    }
  } finally {
    await app.close();
  }
}

/**
 * The rules of POST /users (email format, name without control characters), checked before the
 * password is asked for, so the CLI cannot create a user the API would refuse.
 */
async function validCreateInput(
  email: string,
  name: string,
  role: UserRole,
): Promise<CreateUserDto> {
  const input = plainToInstance(CreateUserDto, { email, name, role });
  const errors = await validate(input, { skipMissingProperties: true });
  if (errors.length > 0) {
    throw new Error(errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
  }
  return input;
}

async function validPassword(): Promise<string> {
  const password = await readPassword();
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  return password;
}

const LIST_HEADER = 'EMAIL\tNAME\tROLE\tSTATE\tID';

function describe(u: User): string {
  return `${u.email}\t${u.name}\t${u.role}\t${u.active ? 'active' : 'inactive'}\t${u.id}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
