import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, registerEnumType, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { UserError } from '../graphql/user-error';
import { userError } from '../graphql/user-errors';
import { ImportAction, ImportError, importOrganisations, MAX_IMPORT_ROWS, OFFICE_COLUMNS } from './organisation-import';
import { Organisation } from './organisation.type';

registerEnumType(ImportAction, {
  name: 'ImportAction',
  description: 'What an import did (or, in a dry run, would do) with a row’s organisation or client.',
  valuesConfig: {
    CREATED: { description: 'Created.' },
    UPDATED: { description: 'Found again and changed: a new name or budget, or an organisation registered by hand given its code.' },
    UNCHANGED: { description: 'Found again as the row says: nothing written.' },
    NOT_REQUESTED: { description: 'The client does not exist and the import was not asked to create clients: nothing written.' },
  },
});

/**
 * Each new secret is an scrypt hash (~50 ms of a thread-pool thread): 100 took ~5 s on a busy 2-core machine, the
 * token endpoint's checks waiting meanwhile. More: the CLI, its own process (organisation-import.ts, maxNewClients).
 */
const MAX_NEW_CLIENTS_A_REQUEST = 100;

@InputType({ description: 'An offices CSV (docs/offices-csv.md).' })
export class ImportOrganisationsInput {
  @Field({ description: `The CSV text, header first; columns ${OFFICE_COLUMNS.join(', ')} (code, kind and name required); at most ${MAX_IMPORT_ROWS} rows and the 1 MB request limit.` })
  csv: string;

  @Field({ defaultValue: false, description: 'Check every row and report what would happen; write nothing.' })
  dryRun: boolean;

  @Field({ defaultValue: false, description: `Create the clients named in client_id that do not exist yet (at most ${MAX_NEW_CLIENTS_A_REQUEST} a request); their secrets are in the payload, once.` })
  createClients: boolean;
}

@ObjectType({ description: 'One row of an imported offices CSV.' })
export class OrganisationImportRow {
  @Field(() => Int, { description: 'Its line in the file (1 is the header).' })
  line: number;

  @Field({ description: 'The organisation’s code.' })
  code: string;

  @Field(() => Organisation, { nullable: true, description: 'The organisation; null for one a dry run would create.' })
  organisation: Organisation | null;

  @Field(() => ImportAction, { description: 'What happened to the organisation.' })
  organisationAction: ImportAction;

  @Field(() => String, { nullable: true, description: 'The client_id the row names; null when none.' })
  clientId: string | null;

  @Field(() => ImportAction, { nullable: true, description: 'What happened to the client; null when the row names none.' })
  clientAction: ImportAction | null;
}

@ObjectType({ description: 'A client created by an import, and its first secret.' })
export class ImportedClientSecret {
  @Field(() => Int, { description: 'The line of the row that named it.' })
  line: number;

  @Field({ description: 'The code of its organisation.' })
  code: string;

  @Field({ description: 'The client_id.' })
  clientId: string;

  @Field({ description: 'The secret. It is not stored and cannot be shown again: hand it over now.' })
  clientSecret: string;
}

@ObjectType({ description: 'The result of importOrganisations.' })
export class ImportOrganisationsPayload {
  @Field({ description: 'Whether anything was written: false for a dry run and whenever userErrors is not empty (then nothing of the file was written).' })
  committed: boolean;

  @Field(() => [OrganisationImportRow], { description: 'Every row and what was (or, in a dry run, would be) done with it; empty when the file has errors.' })
  rows: OrganisationImportRow[];

  @Field(() => [ImportedClientSecret], { description: 'The clients created and their secrets, shown only this once.' })
  clientSecrets: ImportedClientSecret[];

  @Field(() => [UserError], { description: 'Every error of the file: `field` is ["input", "csv", line, column] (the column omitted when the whole line is wrong). Empty on success.' })
  userErrors: UserError[];
}

@Resolver()
export class OrganisationImportResolver {
  @Mutation(() => ImportOrganisationsPayload, {
    description: 'Register organisations (offices, banks, NGOs, portals, auditors) and, on request, their API clients from a CSV, in one transaction: every row is checked first, and any error writes nothing. A re-run of the same file changes nothing. The command `npm run offices -- import` does the same from a file. Administrators only.',
  })
  async importOrganisations(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The file and what to do with it.' }) input: ImportOrganisationsInput): Promise<ImportOrganisationsPayload> {
    const result = await importOrganisations(ctx.primary, input.csv, { dryRun: input.dryRun, createClients: input.createClients, maxNewClients: MAX_NEW_CLIENTS_A_REQUEST });
    const rows = await Promise.all(result.rows.map(async (row) => {
      const entity = row.organisationId ? await ctx.loaders.organisationByIdLoader.load(row.organisationId) : null;
      return Object.assign(new OrganisationImportRow(), {
        line: row.line, code: row.code, organisation: entity && Organisation.from(entity), organisationAction: row.organisation, clientId: row.clientId, clientAction: row.client,
      });
    }));
    return Object.assign(new ImportOrganisationsPayload(), {
      committed: result.committed,
      rows,
      clientSecrets: result.secrets.map((s) => Object.assign(new ImportedClientSecret(), s)),
      userErrors: result.errors.map((e) => importUserError(ctx, e)),
    });
  }
}

function importUserError(ctx: RequestContext, error: ImportError): UserError {
  const where = error.column ? `${error.line}, ${error.column}` : `${error.line}`;
  return userError(ctx.locale, ['input', 'csv', String(error.line), ...(error.column ? [error.column] : [])], error.code, 'offices.line', { where, message: error.message });
}
