import type { Em } from '../orm';
import { Department, DepartmentAlias, normaliseName } from '../../schema/departments/department.entity';
import type { DepartmentInput, DepartmentPatch } from '../../schema/departments/department.inputs';
import { Responsibility } from '../../schema/responsibilities/responsibility.entity';
import { badInput, conflict, eachItem, notFound } from '../errors';
import { likePattern, parseId } from '../common/ids';
import { similarity } from '../common/similar';
import { inTransaction } from '../common/transaction';
import type { Permissions } from '../accounts/permissions';
import type { AuditService } from '../audit/audit.service';

export class DepartmentService {
  /** Look-ups made in this request or import, by normalised key. */
  private readonly cache = new Map<string, Department | null>();

  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
  ) {}

  /** The department as the API shows it, for the audit trail. */
  private async snapshot(row: Department) {
    const aliases = row.id ? (await row.aliasRows.loadItems()).map((a) => a.alias) : row.aliasRows.getItems().map((a) => a.alias);
    return { code: row.code, name: row.name, nameEn: row.nameEn, aliases };
  }

  /** Assigns, then records what changed (a CREATE for a new row). */
  private async assignAudited(row: Department, data: Partial<DepartmentInput>) {
    const isNew = !row.id;
    const before = isNew ? null : await this.snapshot(row);
    await this.assign(row, data);
    this.em.persist(row);
    await this.em.flush();
    const after = await this.snapshot(row);
    if (!before) return this.audit.created('Department', row.id, after);
    const keys = Object.keys(after) as (keyof typeof after)[];
    this.audit.updated(
      'Department',
      row.id,
      keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((field) => ({ field, before: before[field], after: after[field] })),
    );
  }

  /** By code, canonical name or any alias; null when nothing matches. */
  async find(nameOrCode: string): Promise<Department | null> {
    const key = normaliseName(nameOrCode);
    if (!key) return null;
    if (this.cache.has(key)) return this.cache.get(key)!;
    const alias = await this.em.findOne(DepartmentAlias, { key }, { populate: ['department'] });
    const found = alias?.department ?? (await this.em.findOne(Department, { $or: [{ nameKey: key }, { code: key }] }));
    this.cache.set(key, found);
    return found;
  }

  /** As find, but an unknown name is a BAD_USER_INPUT that names `field` and suggests the closest names. */
  async resolve(nameOrCode: string, field: string): Promise<Department> {
    const found = await this.find(nameOrCode);
    if (found) return found;
    const suggestions = await this.suggest(nameOrCode);
    const hint = suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '';
    throw badInput(field, `unknown department "${nameOrCode}"${hint}`, { suggestions });
  }

  /** The canonical names of up to three departments whose names or aliases look most like `text`. */
  async suggest(text: string): Promise<string[]> {
    return (await this.similar(text)).map((d) => d.name);
  }

  /**
   * Up to `limit` departments whose canonical name, code or any alias (official full names included)
   * looks most like `text`, the closest first: what a failed look-up offers instead
   * (住房和城乡建设局 → 区住建局). Nothing when no name is close enough.
   */
  async similar(text: string, limit = 3): Promise<Department[]> {
    const key = normaliseName(text);
    if (!key) return [];
    const departments = await this.em.find(Department, {}, { populate: ['aliasRows'], orderBy: { code: 'asc' } });
    const scored = departments.map((d) => ({
      department: d,
      score: Math.max(similarity(key, d.nameKey), similarity(key, d.code), ...d.aliasRows.getItems().map((a) => similarity(key, a.key))),
    }));
    return scored
      .filter((s) => s.score >= 0.3)
      .sort((a, b) => b.score - a.score)
      .slice(0, Math.max(0, Math.min(limit, 10)))
      .map((s) => s.department);
  }

  list(search?: string | null): Promise<Department[]> {
    return this.listQuery(search).getResultList();
  }

  /** The departments search finds, ordered (alias `d`): for entities (list) and plain rows (server/read). */
  listQuery(search?: string | null) {
    const qb = this.em.createQueryBuilder(Department, 'd');
    if (search?.trim()) {
      const p = likePattern(search.trim());
      const k = likePattern(normaliseName(search));
      qb.where(
        `(lower(d.name) like ? escape '\\' or lower(d.name_en) like ? escape '\\' or d.code like ? escape '\\' or d.id in (select a.department_id from department_alias a where a.key like ? escape '\\'))`,
        [p, p, k, k],
      );
    }
    return qb.orderBy({ code: 'asc' });
  }

  async getOrFail(id: string | number): Promise<Department> {
    const row = await this.em.findOne(Department, parseId(id, 'id'));
    if (!row) throw notFound('Department', id);
    return row;
  }

  create(input: DepartmentInput): Promise<Department> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('create departments');
      const row = new Department();
      await this.assignAudited(row, input);
      return row;
    });
  }

  update(id: string | number, patch: DepartmentPatch, expectedVersion?: number | null): Promise<Department> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('change departments');
      const row = await this.getOrFail(id);
      if (expectedVersion != null && row.version !== expectedVersion) {
        throw conflict(`Department ${row.id} is at version ${row.version}, not ${expectedVersion}: someone else saved it first`, { currentVersion: row.version });
      }
      await this.assignAudited(row, patch);
      return row;
    });
  }

  /** Refused while the department still answers for plan items, so no responsibility is lost silently. */
  delete(id: string | number, expectedVersion?: number | null): Promise<boolean> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('delete departments');
      const row = await this.getOrFail(id);
      if (expectedVersion != null && row.version !== expectedVersion) throw conflict(`Department ${row.id} is at version ${row.version}, not ${expectedVersion}`, { currentVersion: row.version });
      const held = await this.em.count(Responsibility, { department: row.id });
      if (held > 0) throw conflict(`${row.name} still holds ${held} responsibilities: reassign them first`, { responsibilities: held });
      this.audit.deleted('Department', row.id, await this.snapshot(row));
      this.em.remove(row);
      this.cache.clear();
      return true;
    });
  }

  /** Seeds and imports: create by code, or bring the stored department to `data` without touching what is equal. */
  async upsert(data: DepartmentInput): Promise<Department> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('load departments');
      const row = (await this.em.findOne(Department, { code: data.code })) ?? new Department();
      await this.assignAudited(row, data);
      return row;
    });
  }

  /**
   * Loads many departments by code (imports): each created or brought to its data as upsert() does,
   * with the same permission check and audit entries. The first refusal is thrown as a BulkRefusal
   * naming its item. Returns the saved departments, in order.
   */
  upsertMany(items: DepartmentInput[]): Promise<Department[]> {
    return eachItem(items, (data) => this.upsert(data));
  }

  /** Deletes the departments as delete() does, in order; the first refusal is thrown as a BulkRefusal naming its item. */
  async deleteMany(ids: number[]): Promise<void> {
    await eachItem(ids, (id) => this.delete(id));
  }

  /** Errors name the field of `data` (code, name, aliases[1]). */
  private async assign(row: Department, data: Partial<DepartmentInput>) {
    if (data.code !== undefined && data.code !== row.code) {
      const other = await this.em.findOne(Department, { code: data.code });
      if (other && other !== row) throw conflict(`code: code "${data.code}" is already used by ${other.name}`, { field: 'code' });
      row.code = data.code;
    }
    if (data.name !== undefined && data.name.trim() !== row.name) {
      const name = data.name.trim();
      await this.assertKeyFree(row, normaliseName(name), 'name', name);
      row.name = name;
      row.nameKey = normaliseName(name);
    }
    if (data.nameEn !== undefined && data.nameEn !== row.nameEn) row.nameEn = data.nameEn.trim();
    if (data.aliases !== undefined) await this.setAliases(row, data.aliases, 'aliases');
    this.cache.clear();
  }

  private async setAliases(row: Department, aliases: string[], field: string) {
    const wanted = new Map<string, string>();
    for (const [i, raw] of aliases.entries()) {
      const alias = raw.trim();
      const key = normaliseName(alias);
      if (!key) throw badInput(`${field}[${i}]`, 'an alias must not be empty');
      if (key === row.nameKey || wanted.has(key)) continue; // the name itself or a repeat: nothing to store
      await this.assertKeyFree(row, key, `${field}[${i}]`, alias);
      wanted.set(key, alias);
    }
    const current = row.id ? await row.aliasRows.loadItems() : [];
    let changed = wanted.size !== current.length;
    for (const a of current) {
      if (!wanted.has(a.key)) {
        row.aliasRows.remove(a);
        changed = true;
        continue;
      }
      if (wanted.get(a.key) !== a.alias) {
        a.alias = wanted.get(a.key)!;
        changed = true;
      }
      wanted.delete(a.key);
    }
    for (const [key, alias] of wanted) row.aliasRows.add(this.em.create(DepartmentAlias, { department: row, alias, key }));
    // Aliases live in their own table: touch the department so its version records the change.
    if (row.id && changed) row.updatedAt = new Date();
  }

  /** A name or alias must not be another department's name or alias. */
  private async assertKeyFree(row: Department, key: string, field: string, text: string) {
    const byName = await this.em.findOne(Department, { nameKey: key });
    const byAlias = await this.em.findOne(DepartmentAlias, { key }, { populate: ['department'] });
    const owner = byName ?? byAlias?.department;
    if (owner && owner !== row) throw conflict(`${field}: "${text}" already names ${owner.name}`, { field });
  }
}
