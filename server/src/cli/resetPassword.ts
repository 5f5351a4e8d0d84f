import { CLI_ACTOR } from '../admin/adminEnv.ts';
import { resetPassword, setUserDisabled } from '../admin/userCommands.ts';
import { Store } from '../store/store.ts';
import { findUserByName } from '../store/userRepo.ts';
import { CliError, databaseFromEnv, parseOptions, type Command } from './command.ts';
import { cliAdminEnv, PASSWORD_OPTIONS, readPasswordFromStdin, refusalsAsCliErrors, usernameOption } from './passwordInput.ts';

const HELP = `usage: npm run cli -- reset-password --username NAME [--password-stdin] [--no-must-change] [--enable]

Give an account a new password, for an administrator locked out (forgotten password, no other
administrator to reset it on /admin). Without --password-stdin a strong temporary password is
generated and printed once; with it the password is read from stdin and must pass the password
policy. Every session of the account ends. A new password must be chosen at the next sign-in
unless --no-must-change is given. --enable also enables the account if it was disabled. In the
audit log with the actor "cli". The database is the server's (SQLITE_FILE or DATABASE_URL).

options:
  --username NAME   the account
  --password-stdin  read the password from stdin instead of generating one
  --no-must-change  do not ask for a new password at the next sign-in
  --enable          enable the account too
  -h, --help        show this text`;

/** `reset-password --username NAME [--password-stdin] [--no-must-change] [--enable]`. */
export const resetPasswordCommand: Command = {
  summary: "give an account a new password (a locked-out administrator's way back in)",
  async run(args, ctx) {
    const opts = parseOptions(args, { ...PASSWORD_OPTIONS, enable: { type: 'boolean' } }, HELP, ctx);
    if (!opts) return 0;
    const username = usernameOption(opts, HELP);
    const password = opts['password-stdin'] ? await readPasswordFromStdin() : undefined;
    const mustChange = opts['no-must-change'] !== true;
    const store = await Store.open(databaseFromEnv(ctx));
    try {
      const found = await findUserByName(store.db, username);
      if (!found) throw new CliError(`there is no account ${username}`);
      const env = cliAdminEnv(store);
      const reset = await refusalsAsCliErrors(() =>
        resetPassword(env, CLI_ACTOR, found.user.id, { ...(password !== undefined ? { password } : {}), mustChangePassword: mustChange }),
      );
      ctx.out(`new password for ${username}; its sessions ended`);
      if (password === undefined) ctx.out(`password (shown once, not stored): ${reset.password}`);
      if (found.admin.disabled) {
        if (opts.enable) {
          await setUserDisabled(env, CLI_ACTOR, found.user.id, false);
          ctx.out(`${username} is enabled again`);
        } else ctx.out(`${username} is disabled: add --enable to enable it too`);
      }
      ctx.out(mustChange ? 'a new password must be chosen at the next sign-in' : 'the password stays as it is at sign-in');
      return 0;
    } finally {
      await store.close();
    }
  },
};
