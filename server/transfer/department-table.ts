import { BulkRefusal } from '../errors';
import { Department, DepartmentAlias } from '../../schema/departments/department.entity';
import { ImportAction } from '../../schema/transfer/transfer.enums';
import { departmentRows } from '../db/rows';
import { departmentChanges, show } from './diff';
import type { Row } from './rows';
import { TableImporter } from './table';

/** Departments: keyed by code, through DepartmentService.upsert (aliases included). */
export class DepartmentImporter extends TableImporter {
  private existing = new Map<string, number>();
  private loaded = false;

  protected readKey(row: Row) {
    row.key = typeof row.values.code === 'string' && row.values.code.trim() ? row.values.code.trim() : null;
  }

  protected async handleChunk(chunk: Row[]) {
    if (!this.loaded) {
      this.existing = new Map((await departmentRows(this.run.em)).map((r) => [r.code, r.id]));
      this.loaded = true;
    }
    for (const row of chunk) {
      this.checkDuplicate(row, 'code');
      this.validate(row, { ...row.values });
    }
    const ids = chunk.filter((r) => r.ok && this.existing.has(r.key as string)).map((r) => this.existing.get(r.key as string)!);
    const current = new Map<number, Record<string, unknown>>();
    if (ids.length) {
      const departments = await this.run.em.find(Department, { id: { $in: ids } });
      const aliases = await this.run.em.find(DepartmentAlias, { department: { $in: ids } }, { orderBy: { id: 'asc' } });
      for (const d of departments) current.set(d.id, { code: d.code, name: d.name, nameEn: d.nameEn, aliases: aliases.filter((a) => a.department.id === d.id).map((a) => a.alias) });
    }
    const writes: { row: Row; data: Record<string, unknown> }[] = [];
    for (const row of chunk) {
      if (!row.ok) continue;
      const id = this.existing.get(row.key as string);
      const cur = id != null ? current.get(id)! : null;
      const data = Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : Array.isArray(v) ? v.map((x) => String(x).trim()) : v]));
      const changed = departmentChanges(data, cur);
      row.action = !cur ? ImportAction.CREATE : changed.length ? ImportAction.UPDATE : ImportAction.UNCHANGED;
      const col = (f: string) => this.spec.columns.find((c) => c.field === f);
      row.changes = () => changed.map((f) => ({ field: f, before: cur ? show(col(f), cur[f]) : null, after: show(col(f), data[f]) }));
      if (row.action !== ImportAction.UNCHANGED) writes.push({ row, data });
    }
    if (!this.run.failed && writes.length) {
      try {
        for (const saved of await this.run.services.departments.upsertMany(writes.map((w) => w.data as never))) this.existing.set(saved.code, saved.id);
      } catch (error) {
        this.run.em.clear();
        if (!(error instanceof BulkRefusal)) throw error;
        this.serviceProblem(writes[error.index].row, error.error);
      }
    }
    for (const row of chunk) if (row.ok && row.action) this.count(row.action);
  }

  protected async deleteMissing() {
    const gone = [...this.existing.entries()].filter(([code]) => !this.seen.has(code)).sort();
    await this.deleteRows(gone, (ids) => this.run.services.departments.deleteMany(ids));
  }
}
