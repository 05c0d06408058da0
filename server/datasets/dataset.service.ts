import type { Em } from '../orm';
import type { Permissions } from '../accounts/permissions';
import type { AuditService } from '../audit/audit.service';
import { Dataset, DatasetLinkToken } from '../../schema/datasets/dataset.entity';
import type { DatasetInput } from '../../schema/datasets/dataset.inputs';
import { AppError, ErrorCode, conflict, notFound } from '../errors';
import { inTransaction } from '../common/transaction';
import { parseId } from '../common/ids';
import { newSecret, secretHash } from '../accounts/password';
import { checkQuery, defaultColumnLabels, jsonObject, normaliseQuery, shapeOf } from './dataset.query';

const schemaOf = async () => (await import('../schema')).buildGraphQLSchema();

function values(d: Dataset) {
  return { name: d.name, title: d.title, query: d.query, variables: d.variables, columnLabels: d.columnLabels };
}

/**
 * Datasets (issue 16): saved queries served as CSV, JSON and XLSX links, and their link tokens.
 * The office (ADMIN) writes them; every write is one audited transaction, versioned.
 */
export class DatasetService {
  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
  ) {}

  /** Every dataset, by name: signed-in users (the links are what others use). */
  list(): Promise<Dataset[]> {
    this.permissions.assertSignedIn('list datasets');
    return this.em.find(Dataset, {}, { orderBy: { name: 'asc' } });
  }

  async get(name: string): Promise<Dataset | null> {
    this.permissions.assertSignedIn('read datasets');
    return this.em.findOne(Dataset, { name });
  }

  /** The dataset a link names, whoever asks (the link's own rules decide who may read it). */
  byName(name: string): Promise<Dataset | null> {
    return this.em.findOne(Dataset, { name });
  }

  /** Creates the dataset, or replaces the one of that name (expectedVersion: its version, or CONFLICT). */
  save(input: DatasetInput, expectedVersion: number | null | undefined): Promise<Dataset> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('save datasets');
      const schema = await schemaOf();
      const checked = checkQuery(schema, input.query);
      const variables = jsonObject(input.variables, 'variables');
      let labels = jsonObject(input.columnLabels, 'columnLabels');
      for (const [k, v] of Object.entries(labels)) if (typeof v !== 'string') throw new AppError(ErrorCode.BAD_USER_INPUT, `columnLabels: the label of ${k} must be text`, { field: 'columnLabels' });
      const shape = shapeOf(schema, checked.document, checked.operation);
      if (!shape.columns.length) throw new AppError(ErrorCode.BAD_USER_INPUT, 'query: the query selects no fields to make columns of', { field: 'query' });
      if (!Object.keys(labels).length) labels = defaultColumnLabels(shape.columns);
      const next = { name: input.name, title: input.title.trim(), query: input.query, variables: JSON.stringify(variables), columnLabels: JSON.stringify(labels) };
      const row = await this.em.findOne(Dataset, { name: input.name });
      if (!row) {
        if (expectedVersion != null) throw notFound('Dataset', input.name);
        const created = this.em.create(Dataset, { ...next, createdBy: this.permissions.actor.username ?? null } as Dataset);
        this.em.persist(created);
        await this.em.flush();
        this.audit.created('Dataset', created.id, values(created));
        return created;
      }
      if (expectedVersion == null || row.version !== expectedVersion) {
        throw conflict(`Dataset ${row.name} is at version ${row.version}${expectedVersion == null ? ': give expectedVersion to replace it' : `, not ${expectedVersion}: someone else saved it first`}`, { currentVersion: row.version, expectedVersion });
      }
      const before = values(row);
      Object.assign(row, next);
      await this.em.flush();
      const after = values(row);
      this.audit.updated('Dataset', row.id, (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]).map((k) => ({ field: k, before: before[k], after: after[k] })));
      return row;
    });
  }

  delete(name: string, expectedVersion: number | null | undefined): Promise<boolean> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('delete datasets');
      const row = await this.em.findOne(Dataset, { name });
      if (!row) throw notFound('Dataset', name);
      if (expectedVersion != null && row.version !== expectedVersion) throw conflict(`Dataset ${row.name} is at version ${row.version}, not ${expectedVersion}`, { currentVersion: row.version, expectedVersion });
      this.audit.deleted('Dataset', row.id, values(row));
      await this.em.nativeDelete(DatasetLinkToken, { dataset: row.id });
      this.em.remove(row);
      return true;
    });
  }

  linkTokens(dataset: Dataset): Promise<DatasetLinkToken[]> {
    this.permissions.assertAdmin('list link tokens');
    return this.em.find(DatasetLinkToken, { dataset: dataset.id }, { orderBy: { id: 'desc' } });
  }

  createLinkToken(name: string): Promise<{ secret: string; linkToken: DatasetLinkToken }> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('create link tokens');
      const dataset = await this.em.findOne(Dataset, { name });
      if (!dataset) throw notFound('Dataset', name);
      const secret = newSecret('phl');
      const linkToken = this.em.create(DatasetLinkToken, { secretHash: secretHash(secret), dataset, createdBy: this.permissions.actor.username ?? null, createdAt: new Date() } as DatasetLinkToken);
      this.em.persist(linkToken);
      await this.em.flush();
      this.audit.created('DatasetLinkToken', linkToken.id, { dataset: dataset.name });
      return { secret, linkToken };
    });
  }

  revokeLinkToken(id: string): Promise<boolean> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('revoke link tokens');
      const token = await this.em.findOne(DatasetLinkToken, parseId(id, 'id'), { populate: ['dataset'] });
      if (!token) throw notFound('DatasetLinkToken', id);
      if (token.revokedAt) return false;
      token.revokedAt = new Date();
      this.audit.updated('DatasetLinkToken', token.id, [{ field: 'revokedAt', before: null, after: token.revokedAt.toISOString() }]);
      return true;
    });
  }

  /**
   * Whether a link token reads this dataset: UNAUTHENTICATED for an unknown or revoked one,
   * FORBIDDEN for another dataset's. Notes its use at most once a minute.
   */
  async checkLinkToken(dataset: Dataset, secret: string): Promise<void> {
    const token = await this.em.findOne(DatasetLinkToken, { secretHash: secretHash(secret) });
    if (!token || token.revokedAt) throw new AppError(ErrorCode.UNAUTHENTICATED, token ? 'This link token was revoked: ask the office for a new link.' : 'The link token is not known: check the link, or ask the office for a new one.', { reason: token ? 'LINK_TOKEN_REVOKED' : 'LINK_TOKEN_UNKNOWN' });
    if (token.dataset.id !== dataset.id) throw new AppError(ErrorCode.FORBIDDEN, `This link token reads another dataset, not ${dataset.name}.`, { reason: 'LINK_TOKEN_OTHER_DATASET' });
    const now = new Date();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) await this.em.fork().nativeUpdate(DatasetLinkToken, { id: token.id }, { lastUsedAt: now });
  }

  /** The saved queries as graphql-js prints them: the allow-list of GRAPHQL_ALLOW_ONLY_PERSISTED. */
  async allowList(): Promise<Set<string>> {
    const rows = await this.em.find(Dataset, {}, { fields: ['query'] });
    return new Set(rows.map((r) => normaliseQuery(r.query)).filter((q): q is string => q != null));
  }
}
