import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Orm, Em } from '../../server/orm';
import { createServices, type Services } from '../../server/services';
import { AppError } from '../../server/errors';
import { validateInput } from '../../server/common/validation';
import type { PlanItemService, ItemData } from '../../server/common/plan-item.service';
import type { PlanItem } from '../../schema/common/plan-item.entity';
import type { Plan } from '../../schema/plans/plan.entity';
import { DepartmentInput } from '../../schema/departments/department.inputs';
import { IndicatorInput } from '../../schema/indicators/indicator.inputs';
import { SpecialTargetInput } from '../../schema/special-targets/special-target.inputs';
import { RectificationInput } from '../../schema/rectifications/rectification.inputs';
import { InnovationTopicInput } from '../../schema/innovation-topics/innovation-topic.inputs';
import { StandardInput } from '../../schema/standards/standard.inputs';
import { MilestoneInput, type MilestoneData } from '../../schema/milestones/milestone.inputs';
import { ENUMS, type EnumName } from '../../schema/descriptors';

/** The plan's own (Chinese) words for an enum, from the table descriptors: 预期性 → EXPECTED. */
const planWords = (e: EnumName): Record<string, string> => Object.fromEntries(Object.entries(ENUMS[e]).map(([value, words]) => [words.zh, value]));
const ATTRIBUTE_LABELS = planWords('IndicatorAttribute');
const ASSESSMENT_METHOD_LABELS = planWords('AssessmentMethod');
const INNOVATION_FIELD_LABELS = planWords('InnovationField');
import { parseTarget, SAME_AS_ABOVE } from '../../server/indicators/target';

/** The transcription of the plan (seeds/transcription/): what build.ts reads; the server never does. */
export const TRANSCRIPTION_DIR = fileURLToPath(new URL('../transcription/', import.meta.url));

/** A bad value in a seed file: which file, which row (1-based, as in the array), which column, why. */
export class TranscriptionError extends Error {
  constructor(
    readonly file: string,
    readonly row: number | null,
    readonly column: string | null,
    readonly reason: string,
  ) {
    super(`${file}${row != null ? ` row ${row}` : ''}${column ? `, column ${column}` : ''}: ${reason}`);
    this.name = 'TranscriptionError';
  }
}

export interface TranscriptionReport {
  plans: string[];
  created: number;
  updated: number;
  unchanged: number;
}

type Row = Record<string, unknown>;
type Responsibility = { department: string; role: string; note?: string; noteEn?: string };

/**
 * Loads the transcription (departments.json, then one folder per plan) through the same services the
 * API uses, applying the transcription rules (同上 copies the target above, a repaired unit keeps the
 * cell as written, targets are parsed, Chinese enum words are read), in one transaction: a bad file
 * leaves the database exactly as it was. Only seeds/tools/build.ts calls this, on a scratch database,
 * to produce the committed whole-plan file; the hub itself loads that file through the transfer import.
 * Rows go one at a time through the services: fine for the 53 rows of a transcription, not for bulk.
 */
export async function loadTranscription(orm: Orm, dir: string = TRANSCRIPTION_DIR): Promise<TranscriptionReport> {
  const em = orm.em.fork() as Em;
  const services = createServices(em);
  const report: TranscriptionReport = { plans: [], created: 0, updated: 0, unchanged: 0 };
  const importer = new Importer(em, services, dir, report);
  await em.begin();
  try {
    await importer.run();
    await em.commit();
  } catch (error) {
    await em.rollback();
    throw error;
  }
  return report;
}

class Importer {
  constructor(
    private readonly em: Em,
    private readonly services: Services,
    private readonly dir: string,
    private readonly report: TranscriptionReport,
  ) {}

  async run() {
    const departments = this.readArray('departments.json');
    for (const [i, row] of departments.entries()) {
      await this.guard('departments.json', i + 1, async () => {
        const input = await validateInput(DepartmentInput, pick(row, ['code', 'name', 'nameEn', 'aliases']));
        const before = await this.em.findOne('Department', { code: input.code });
        const version = (before as { version?: number } | null)?.version;
        const saved = await this.services.departments.upsert(input);
        await this.em.flush();
        this.count(before == null, version, saved.version);
      });
    }
    const planDirs = readdirSync(this.dir)
      .filter((d) => statSync(join(this.dir, d)).isDirectory() && existsSync(join(this.dir, d, 'plan.json')))
      .sort();
    for (const d of planDirs) await this.importPlan(d);
  }

  private async importPlan(d: string) {
    const planFile = `${d}/plan.json`;
    const data = this.read(planFile) as Row;
    const plan = await this.guard(planFile, null, () =>
      this.services.plans.upsert(pick(data, ['code', 'name', 'nameEn', 'startYear', 'endYear', 'publishedOn', 'source']) as never),
    );
    this.report.plans.push(plan.code);

    let above: { text: string; kind: string; value: number | null } | null = null;
    const indicatorIds = new Map<number, number>();
    const milestoneSets: { row: Row; specialTargetId: number; content: string }[] = [];
    await this.rows(`${d}/indicators.json`, this.services.indicators, IndicatorInput, plan, (row, column) => {
      const written = String(row.target ?? '').trim();
      let target: { text: string; kind: string; value: number | null };
      if (written === SAME_AS_ABOVE) {
        if (!above) throw column('target', `${SAME_AS_ABOVE} on the first row has no row above to copy`);
        target = above;
      } else {
        const parsed = parseTarget(written);
        if (!parsed) throw column('target', `cannot read the target "${written}"`);
        target = { text: written, kind: parsed.kind, value: parsed.value };
      }
      above = target;
      const attribute = ATTRIBUTE_LABELS[String(row.attribute)] ?? (Object.values(ATTRIBUTE_LABELS).includes(row.attribute as never) ? row.attribute : undefined);
      if (!attribute) throw column('attribute', `unknown attribute "${row.attribute}"; use 预期性 or 约束性`);
      return {
        seq: row.seq,
        name: row.name,
        unit: row.unit,
        unitAsWritten: row.unitRepair ? row.unitAsWritten : null,
        targetText: target.text,
        targetAsWritten: written === target.text ? null : written,
        targetKind: target.kind,
        targetValue: target.value,
        annualGrowthPct: row.annualGrowthPct ?? null,
        // The plan gives the base (2015) for GDP only (790.4亿元); the office enters the rest.
        baseValue: row.baseValue ?? null,
        attribute,
        cumulative: row.cumulative ?? false,
        responsibilities: responsibilities(row),
      };
    }, (row, saved) => indicatorIds.set(Number(row.seq), saved.id));

    await this.rows(`${d}/special-targets.json`, this.services.specialTargets, SpecialTargetInput, plan, (row, column) => {
      const methods = asArray(row.assessmentMethods).map((m) => {
        const method = ASSESSMENT_METHOD_LABELS[String(m)];
        if (!method) throw column('assessmentMethods', `unknown assessment method "${m}"; use ${Object.keys(ASSESSMENT_METHOD_LABELS).join(', ')}`);
        return method;
      });
      const indicators = asArray(row.indicatorLinks).map((link) => {
        const seq = Number((link as Row).seq);
        const id = indicatorIds.get(seq);
        if (id == null) throw column('indicatorLinks', `no indicator with seq ${(link as Row).seq} in this plan`);
        return String(id);
      });
      return { seq: row.seq, title: row.title, content: row.content, assessmentMethods: methods, othersInvolved: row.othersInvolved ?? false, responsibilities: responsibilities(row), indicatorIds: indicators };
    }, (row, saved) => milestoneSets.push({ row, specialTargetId: saved.id, content: saved.content }));
    await this.milestones(`${d}/special-targets.json`, milestoneSets);

    await this.rows(`${d}/rectifications.json`, this.services.rectifications, RectificationInput, plan, (row) => ({
      ...pick(row, ['seq', 'problem', 'direction', 'plan', 'measures', 'expectedOutcomes', 'deadlineYear']),
      othersInvolved: row.othersInvolved ?? false,
      responsibilities: responsibilities(row),
    }));

    await this.rows(`${d}/innovation-topics.json`, this.services.innovationTopics, InnovationTopicInput, plan, (row, column) => {
      const field = INNOVATION_FIELD_LABELS[String(row.field)];
      if (!field) throw column('field', `unknown field "${row.field}"; use ${Object.keys(INNOVATION_FIELD_LABELS).join(', ')}`);
      return { ...pick(row, ['seq', 'title', 'problem', 'path', 'sources']), field, responsibilities: responsibilities(row) };
    });

    await this.rows(`${d}/standards.json`, this.services.standards, StandardInput, plan, (row) => ({
      ...pick(row, ['seq', 'name', 'releaseYear']),
      responsibilities: responsibilities(row),
    }));
  }

  /** Validates each row as the API would, then creates it or patches what differs. */
  private async rows<E extends PlanItem>(
    file: string,
    service: PlanItemService<E>,
    inputClass: new () => object,
    plan: Plan,
    toInput: (row: Row, column: (name: string, reason: string) => TranscriptionError) => Row,
    after?: (row: Row, saved: E) => void,
  ) {
    for (const [i, row] of this.readArray(file).entries()) {
      await this.guard(file, i + 1, async () => {
        const data = toInput(row, (name, reason) => new TranscriptionError(file, i + 1, name, reason));
        await validateInput(inputClass, data);
        const existing = await service.bySeq(plan, Number(data.seq));
        const version = existing?.version;
        const saved = existing ? await service.applyPatch(existing, data as ItemData) : await service.create({ ...data, planCode: plan.code } as ItemData);
        await this.em.flush();
        this.count(!existing, version, saved.version);
        after?.(row, saved);
      });
    }
  }

  /**
   * Each special target's `milestones` (the numeric aims of its content: seq, text, name, value, unit,
   * year, cumulative), checked as the API checks them and each text against the content it must
   * occur in verbatim, then written through the milestone service as the target's whole set.
   */
  private async milestones(file: string, sets: { row: Row; specialTargetId: number; content: string }[]) {
    const rowNo = (row: Row) => this.readArray(file).findIndex((r) => r.seq === row.seq) + 1;
    for (const { row, specialTargetId, content } of sets) {
      const n = rowNo(row);
      const list = row.milestones == null ? [] : row.milestones;
      if (!Array.isArray(list)) throw new TranscriptionError(file, n, 'milestones', 'expected an array of milestones');
      const milestones: MilestoneData[] = [];
      for (const [i, m] of list.entries()) {
        const at = `milestones[${i}]`;
        if (!m || typeof m !== 'object' || Array.isArray(m)) throw new TranscriptionError(file, n, at, 'expected an object');
        const data = pick(m as Row, ['seq', 'text', 'name', 'value', 'unit', 'year', 'cumulative']);
        await this.guard(file, n, async () => {
          try {
            await validateInput(MilestoneInput, { ...data, specialTargetId: String(specialTargetId) });
          } catch (error) {
            if (error instanceof AppError && typeof error.details.field === 'string') throw new TranscriptionError(file, n, `${at}.${error.details.field}`, error.message.replace(/^[^:]*: /, ''));
            throw error;
          }
        });
        const text = String(data.text);
        if (!content.includes(text)) throw new TranscriptionError(file, n, `${at}.text`, `"${text}" does not occur verbatim in the content of special target ${row.seq}`);
        milestones.push(data as unknown as MilestoneData);
      }
      await this.guard(file, n, async () => {
        const before = await this.services.milestones.forSpecialTargets([specialTargetId]);
        const had = before.get(specialTargetId)?.length ?? 0;
        const done = await this.services.milestones.replaceMany([{ specialTargetId, milestones }]);
        await this.em.flush();
        this.report.created += done.created;
        this.report.updated += done.updated;
        this.report.unchanged += had - done.updated - done.deleted;
      });
    }
  }

  private count(created: boolean, before: number | undefined, after: number) {
    if (created) this.report.created++;
    else if (before !== after) this.report.updated++;
    else this.report.unchanged++;
  }

  /** Turns a service's refusal into a TranscriptionError that names the file, row and column. */
  private async guard<T>(file: string, row: number | null, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof TranscriptionError) throw error;
      if (error instanceof AppError) {
        const field = typeof error.details.field === 'string' ? error.details.field : null;
        const reason = field && error.message.startsWith(`${error.details.field}: `) ? error.message.slice(String(error.details.field).length + 2) : error.message;
        throw new TranscriptionError(file, row, field, reason);
      }
      throw error;
    }
  }

  private read(file: string): unknown {
    const path = join(this.dir, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new TranscriptionError(file, null, null, `cannot read ${relative(process.cwd(), path) || basename(path)}`);
    }
    try {
      return JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new TranscriptionError(file, null, null, `not valid JSON: ${(e as Error).message}`);
    }
  }

  private readArray(file: string): Row[] {
    const data = this.read(file);
    if (!Array.isArray(data)) throw new TranscriptionError(file, null, null, 'expected a JSON array of rows');
    data.forEach((row, i) => {
      if (!row || typeof row !== 'object' || Array.isArray(row)) throw new TranscriptionError(file, i + 1, null, 'expected an object');
    });
    return data as Row[];
  }
}

function responsibilities(row: Row) {
  return asArray(row.responsibilities).map((r) => {
    const { department, role, note, noteEn } = r as Responsibility;
    return { department, role, note: note ?? null, noteEn: noteEn ?? null };
  });
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value == null ? [] : [value];
}

function pick(row: Row, keys: string[]): Row {
  return Object.fromEntries(keys.filter((k) => k in row).map((k) => [k, row[k]]));
}
