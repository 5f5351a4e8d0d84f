import type { Kysely, Migration } from 'kysely';

/**
 * Systems that talk to the district over an API key (issue 12): Open311 clients (civic apps,
 * FixMyStreet, SeeClickFix) today, hotline systems next.
 *
 * - api_clients: one per client system, its key kept as a SHA-256 hash (`key_hash`; the key is
 *   32 random bytes, shown once when issued), `revoked_at` (null while the key works).
 * - open311_requests: what Open311 keeps beside a case it brought in: the client, the client's own
 *   request id when it sent one (`client_ref`, unique per client: a retry answers with the same
 *   case), the token `tokens/{token}` looks up, the requester's contact (JSON; never shown
 *   publicly), the description and media URL as submitted (public: the citizen wrote them to be).
 */
export const apiClients: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('api_clients')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createTable('open311_requests')
      .addColumn('incident_id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('client_ref', 'text')
      .addColumn('token', 'text', (c) => c.notNull().unique())
      .addColumn('contact', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('media_url', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('open311_requests_client_ref')
      .on('open311_requests')
      .columns(['client_id', 'client_ref'])
      .unique()
      .execute();
  },
};
