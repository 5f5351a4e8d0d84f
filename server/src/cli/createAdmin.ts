import { DisplayNameSchema, UsernameSchema } from '@streetchief/shared/admin/index';
import { CLI_ACTOR } from '../admin/adminEnv.ts';
import { createUser } from '../admin/userCommands.ts';
import { Store } from '../store/store.ts';
import { CliError, databaseFromEnv, EXIT_USAGE, parseOptions, type Command } from './command.ts';
import { cliAdminEnv, PASSWORD_OPTIONS, readPasswordFromStdin, refusalsAsCliErrors, usernameOption } from './passwordInput.ts';

const HELP = `usage: npm run cli -- create-admin --username NAME [--display-name TEXT] [--password-stdin] [--no-must-change]

Create an administrator account: the first one of a live district, before anybody can sign in.
Refuses a username that exists. Without --password-stdin a strong temporary password is
generated and printed once; with it the password is read from stdin (echo "$PW" | …) and must
pass the password policy (at least 10 characters, not the username, not a published one such as
the demo's, two kinds of characters at least). Either way the administrator must choose a new
password at the first sign-in unless --no-must-change is given. The creation is in the audit
log with the actor "cli". The database is the server's (SQLITE_FILE or DATABASE_URL).

options:
  --username NAME      3 to 32 lowercase letters, digits, ".", "_" or "-"
  --display-name TEXT  the name shown in the app (default 系统管理员)
  --password-stdin     read the password from stdin instead of generating one
  --no-must-change     do not ask for a new password at the first sign-in
  -h, --help           show this text`;

/** `create-admin --username NAME [--display-name TEXT] [--password-stdin] [--no-must-change]`. */
export const createAdminCommand: Command = {
  summary: 'create an administrator account (the first sign-in of a live district)',
  async run(args, ctx) {
    const opts = parseOptions(args, { ...PASSWORD_OPTIONS, 'display-name': { type: 'string' } }, HELP, ctx);
    if (!opts) return 0;
    const name = UsernameSchema.safeParse(usernameOption(opts, HELP));
    if (!name.success) throw new CliError(`--username: ${name.error.issues[0]?.message ?? 'invalid'}`, EXIT_USAGE);
    const shown = DisplayNameSchema.safeParse(typeof opts['display-name'] === 'string' ? opts['display-name'] : '系统管理员');
    if (!shown.success) throw new CliError(`--display-name: ${shown.error.issues[0]?.message ?? 'invalid'}`, EXIT_USAGE);
    const password = opts['password-stdin'] ? await readPasswordFromStdin() : undefined;
    const mustChange = opts['no-must-change'] !== true;
    const store = await Store.open(databaseFromEnv(ctx));
    try {
      const created = await refusalsAsCliErrors(() =>
        createUser(
          cliAdminEnv(store),
          CLI_ACTOR,
          { username: name.data, displayName: shown.data, role: 'admin', departmentCode: null, streetCode: null, gridCodes: [] },
          { ...(password !== undefined ? { password } : {}), mustChangePassword: mustChange },
        ),
      );
      ctx.out(`created administrator ${created.user.username} (${created.user.id})`);
      if (password === undefined) ctx.out(`password (shown once, not stored): ${created.password}`);
      ctx.out(mustChange ? 'a new password must be chosen at the first sign-in' : 'the password stays as it is at sign-in');
      return 0;
    } finally {
      await store.close();
    }
  },
};
