import { CLI_ACTOR } from '../admin/adminEnv.ts';
import { issueApiClient, listApiClients, revokeApiClient, API_CLIENT_KINDS, type ApiClientKind } from '../apiClients/apiClientRepo.ts';
import { appendAudit } from '../store/auditRepo.ts';
import { Store } from '../store/store.ts';
import { CliError, databaseFromEnv, EXIT_USAGE, parseOptions, type Command } from './command.ts';

const HELP = `usage: npm run cli -- api-key issue --name NAME [--kind open311]
       npm run cli -- api-key revoke --id ID
       npm run cli -- api-key list

API keys of the systems that talk to the district: Open311 clients (civic apps, FixMyStreet,
SeeClickFix) post service requests with theirs (POST /open311/v2/requests.json, api_key=KEY).
issue prints the new key once; only its hash is stored, so a lost key is revoked and a new one
issued. revoke stops a key at once. Both are in the audit log with the actor "cli". The database
is the server's (SQLITE_FILE or DATABASE_URL).

options:
  --name NAME   who the key is for, as the case history shows it (e.g. "市民通 App"), 1 to 60 characters
  --kind KIND   ${API_CLIENT_KINDS.join(', ')} (default open311)
  --id ID       the client id that issue and list print
  -h, --help    show this text`;

/** `api-key issue|revoke|list`. */
export const apiKeyCommand: Command = {
  summary: 'issue, revoke or list the API keys of client systems (Open311)',
  async run(args, ctx) {
    const [verb, ...rest] = args;
    if (verb === '--help' || verb === '-h') {
      ctx.out(HELP);
      return 0;
    }
    if (verb !== 'issue' && verb !== 'revoke' && verb !== 'list') throw new CliError(`issue, revoke or list?\n\n${HELP}`, EXIT_USAGE);
    const opts = parseOptions(rest, { name: { type: 'string' }, kind: { type: 'string' }, id: { type: 'string' } }, HELP, ctx);
    if (!opts) return 0;
    const store = await Store.open(databaseFromEnv(ctx));
    try {
      const now = new Date();
      if (verb === 'list') {
        for (const c of await listApiClients(store.db))
          ctx.out(`${c.id}  ${c.kind}  ${c.revokedAt ? `revoked ${c.revokedAt}` : 'live'}  issued ${c.createdAt}  ${c.name}`);
        return 0;
      }
      if (verb === 'issue') {
        const name = typeof opts.name === 'string' ? opts.name.trim() : '';
        if (name.length < 1 || name.length > 60) throw new CliError(`--name: 1 to 60 characters\n\n${HELP}`, EXIT_USAGE);
        const kind = (typeof opts.kind === 'string' ? opts.kind : 'open311') as ApiClientKind;
        if (!API_CLIENT_KINDS.includes(kind)) throw new CliError(`--kind: one of ${API_CLIENT_KINDS.join(', ')}`, EXIT_USAGE);
        const { client, key } = await store.transaction(async (trx) => {
          const made = await issueApiClient(trx, kind, name, now);
          await appendAudit(trx, {
            at: now,
            actor: CLI_ACTOR,
            action: 'api_client.issue',
            targetKind: 'api_client',
            targetId: made.client.id,
            details: { name, kind },
          });
          return made;
        });
        ctx.out(`issued ${client.kind} key for ${client.name} (${client.id})`);
        ctx.out(`key (shown once, not stored): ${key}`);
        return 0;
      }
      const id = typeof opts.id === 'string' ? opts.id : '';
      if (!id) throw new CliError(`--id ID is required\n\n${HELP}`, EXIT_USAGE);
      const revoked = await store.transaction(async (trx) => {
        if (!(await revokeApiClient(trx, id, now))) return false;
        await appendAudit(trx, {
          at: now,
          actor: CLI_ACTOR,
          action: 'api_client.revoke',
          targetKind: 'api_client',
          targetId: id,
          details: {},
        });
        return true;
      });
      if (!revoked) throw new CliError(`no live key with id ${id}`);
      ctx.out(`revoked ${id}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
