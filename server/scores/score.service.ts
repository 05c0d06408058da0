import type { Em } from '../orm';
import type { Permissions } from '../accounts/permissions';
import type { AuditService, FieldChange } from '../audit/audit.service';
import type { DepartmentService } from '../departments/department.service';
import type { ProgressService } from '../progress/progress.service';
import { Department } from '../../schema/departments/department.entity';
import { InnovationTopic } from '../../schema/innovation-topics/innovation-topic.entity';
import { DEFAULT_SCORE_RULE, SCORE_RULE_FIELDS, ScoreRule, type ScoreRuleValues } from '../../schema/scores/score-rule.entity';
import { DepartmentRating } from '../../schema/scores/department-rating.entity';
import { InnovationBonus } from '../../schema/scores/innovation-bonus.entity';
import { ScorePublication } from '../../schema/scores/score-publication.entity';
import { AnnualScorePart, DepartmentAnnualScore, ScoreInput } from '../../schema/scores/score.types';
import { AppError, ErrorCode, badInput, conflict, notFound, underArgument } from '../errors';
import { parseId } from '../common/ids';
import { inTransaction } from '../common/transaction';
import { computeAnnualScores, type DepartmentInputs } from './score.compute';
import { readRatingsFile } from './ratings-file';
import { fileProblem } from '../transfer/problems';
import type { ByteSource } from '../transfer/source';

export interface RatingRow {
  department: string;
  socialScore?: number | null;
  leadershipScore?: number | null;
  note?: string | null;
  expectedVersion?: number | null;
}

export interface BonusData {
  department: string;
  year: number;
  innovationTopicId: string | number;
  points: number;
  note?: string | null;
}

/** A published year's scores as kept: the answer with departments by id. */
type Snapshot = (Omit<DepartmentAnnualScore, 'department' | 'publishedAt' | 'parts'> & { departmentId: number; parts: AnnualScorePart[] })[];

const clean = (text: string | null | undefined) => {
  const t = text?.trim();
  return t ? t : null;
};

const valuesOf = (rule: ScoreRule): ScoreRuleValues => Object.fromEntries(SCORE_RULE_FIELDS.map((f) => [f, rule[f]])) as ScoreRuleValues;

/**
 * The "3+1" annual score (目标考核 + 社会评价 + 领导考评, plus 创新创优) of each department: the rules
 * of the year (ScoreRule, defaults when none is stored), the entered ratings and the bonus points are
 * edited by the office (ADMIN); 目标考核 is computed from completion (ProgressService.scorecard), the
 * whole year's in a fixed number of statements. Publishing a year keeps its answer as it is and
 * refuses every later change to the year's rules, ratings and bonuses (CONFLICT, reason PUBLISHED).
 * Signed out, only published years are shown.
 */
export class ScoreService {
  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
    private readonly departments: DepartmentService,
    private readonly progress: ProgressService,
  ) {}

  // ---- rules ---------------------------------------------------------------------------------------

  /** The year's rule: the stored one, or the defaults (stored false, id 0, version 0). */
  async rule(year: number): Promise<ScoreRule> {
    this.progress.assertYear(year);
    const stored = await this.em.findOne(ScoreRule, { year });
    if (stored) return stored;
    return Object.assign(new ScoreRule(), { id: 0, version: 0, year, stored: false, ...DEFAULT_SCORE_RULE });
  }

  /** Creates (expectedVersion absent or 0) or changes the year's rule (ADMIN); only the fields given change. */
  saveRule(year: number, patch: Partial<Record<keyof ScoreRuleValues, number | null>>, expectedVersion?: number | null): Promise<ScoreRule> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('change the 3+1 score rules');
      this.progress.assertYear(year);
      await this.assertNotPublished(year);
      for (const field of SCORE_RULE_FIELDS) {
        if (field !== 'innovationCap' && patch[field] === null) throw badInput(field, `${field} needs a number (leave it out to keep it)`);
      }
      let row = await this.em.findOne(ScoreRule, { year });
      if (row && expectedVersion != null && expectedVersion !== 0 && row.version !== expectedVersion) throw this.versionError('ScoreRule', row.id, row.version, expectedVersion);
      if (row && (expectedVersion == null || expectedVersion === 0)) {
        throw conflict(`The ${year} rules are stored already (version ${row.version}): change them with their expectedVersion`, { reason: 'DUPLICATE', currentVersion: row.version });
      }
      if (!row && expectedVersion) throw conflict(`There are no stored ${year} rules to change: save them without expectedVersion (from the defaults)`, { reason: 'NOT_STORED' });
      const next = { ...(row ? valuesOf(row) : DEFAULT_SCORE_RULE) };
      for (const field of SCORE_RULE_FIELDS) if (patch[field] !== undefined) (next as Record<string, number | null>)[field] = patch[field] ?? null;
      if (next.leadShare + next.supportShare <= 0) throw badInput('leadShare', 'leadShare and supportShare cannot both be 0');
      if (!row) {
        row = this.em.create(ScoreRule, { year, ...next } as never);
        this.em.persist(row);
        await this.em.flush();
        this.audit.created('ScoreRule', row.id, { year, ...next });
        return row;
      }
      const changes: FieldChange[] = [];
      for (const field of SCORE_RULE_FIELDS) {
        if (row[field] !== next[field]) changes.push({ field, before: row[field], after: next[field] });
      }
      if (changes.length) {
        Object.assign(row, next);
        this.audit.updated('ScoreRule', row.id, changes);
      }
      return row;
    });
  }

  // ---- entered scores ------------------------------------------------------------------------------

  async ratings(year: number): Promise<DepartmentRating[]> {
    this.permissions.assertSignedIn('read entered scores');
    this.progress.assertYear(year);
    return this.em.find(DepartmentRating, { year }, { orderBy: { department: 'asc' } });
  }

  /**
   * 社会评价 and 领导考评 of many departments at once (the grid's edits, a spreadsheet's rows), all or
   * nothing (ADMIN): a row with expectedVersion changes the stored row at that version; without it
   * (a file) it creates the row or changes it whatever its version. A refusal names its row
   * (`ratings[2].socialScore`).
   */
  saveRatings(year: number, rows: RatingRow[]): Promise<DepartmentRating[]> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('enter 社会评价 and 领导考评 scores');
      this.progress.assertYear(year);
      await this.assertNotPublished(year);
      const resolved: Department[] = [];
      for (const [i, row] of rows.entries()) {
        try {
          resolved.push(await this.departments.resolve(row.department, 'department'));
        } catch (error) {
          throw underArgument(error, `ratings[${i}]`);
        }
      }
      const ids = [...new Set(resolved.map((d) => d.id))];
      if (ids.length !== rows.length) {
        const dup = resolved.findIndex((d, i) => resolved.findIndex((o) => o.id === d.id) !== i);
        throw badInput(`ratings[${dup}].department`, `${resolved[dup].name} is given twice`);
      }
      const stored = new Map((await this.em.find(DepartmentRating, { year, department: { $in: ids } })).map((r) => [r.department.id, r]));
      const out: DepartmentRating[] = [];
      const created: { row: DepartmentRating; code: string }[] = [];
      for (const [i, input] of rows.entries()) {
        const department = resolved[i];
        let row = stored.get(department.id);
        if (input.expectedVersion != null && input.expectedVersion !== 0) {
          if (!row) throw underArgument(conflict(`${department.name} has no stored ${year} scores to change at version ${input.expectedVersion}`, { reason: 'NOT_STORED' }), `ratings[${i}]`);
          if (row.version !== input.expectedVersion) throw underArgument(this.versionError('DepartmentRating', row.id, row.version, input.expectedVersion), `ratings[${i}]`);
        }
        const note = input.note === undefined ? undefined : clean(input.note);
        if (!row) {
          row = this.em.create(DepartmentRating, { department, year, socialScore: input.socialScore ?? null, leadershipScore: input.leadershipScore ?? null, note: note ?? null } as never);
          this.em.persist(row);
          created.push({ row, code: department.code });
        } else {
          const changes: FieldChange[] = [];
          for (const [field, value] of [['socialScore', input.socialScore], ['leadershipScore', input.leadershipScore], ['note', note]] as const) {
            if (value === undefined) continue;
            const before = row[field] ?? null;
            if (before !== value) {
              changes.push({ field, before, after: value });
              (row as unknown as Record<string, unknown>)[field] = value;
            }
          }
          if (changes.length) this.audit.updated('DepartmentRating', row.id, changes);
        }
        out.push(row);
      }
      await this.em.flush();
      for (const c of created) this.audit.created('DepartmentRating', c.row.id, { department: c.code, year, socialScore: c.row.socialScore ?? null, leadershipScore: c.row.leadershipScore ?? null, note: c.row.note ?? null });
      return out;
    });
  }

  /**
   * 社会评价 and 领导考评 from a spreadsheet (CSV or XLSX, see ratings-file.ts), saved as saveRatings
   * saves a file's rows (all or nothing, whatever the stored versions); a refusal names the file's row.
   */
  async importRatings(year: number, source: ByteSource): Promise<DepartmentRating[]> {
    this.permissions.assertAdmin('import 社会评价 and 领导考评 scores');
    this.progress.assertYear(year);
    const { rows, rowNos } = await readRatingsFile(source);
    try {
      return await this.saveRatings(year, rows.map(({ expectedVersion: _, ...r }) => r));
    } catch (error) {
      const at = error instanceof AppError && typeof error.details.field === 'string' ? /^ratings\[(\d+)\]\.?(.*)$/.exec(error.details.field) : null;
      if (!at || !(error instanceof AppError)) throw error;
      const row = rowNos[Number(at[1])];
      const message = error.message.replace(/^ratings\[\d+\]\.?\S*: /, '');
      throw fileProblem(`row ${row}: ${message}`, [{ row, column: at[2] === 'department' ? '部门' : at[2] || null, value: rows[Number(at[1])].department, reason: message, code: error.code, suggestions: (error.details.suggestions as string[] | undefined) ?? null }]);
    }
  }

  async bonuses(year: number): Promise<InnovationBonus[]> {
    this.permissions.assertSignedIn('read innovation bonuses');
    this.progress.assertYear(year);
    return this.em.find(InnovationBonus, { year }, { orderBy: { department: 'asc', innovationTopic: 'asc' } });
  }

  /** Creates the bonus of (department, year, topic) (no expectedVersion), or changes it at expectedVersion (ADMIN). */
  saveBonus(input: BonusData, expectedVersion?: number | null): Promise<InnovationBonus> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('grant 创新创优 points');
      this.progress.assertYear(input.year);
      await this.assertNotPublished(input.year);
      const department = await this.departments.resolve(input.department, 'department');
      const topicId = parseId(input.innovationTopicId, 'innovationTopicId');
      const topic = await this.em.findOne(InnovationTopic, topicId);
      if (!topic) throw badInput('innovationTopicId', `there is no innovation topic ${topicId}`);
      const note = clean(input.note);
      const existing = await this.em.findOne(InnovationBonus, { department: department.id, year: input.year, innovationTopic: topicId });
      if (expectedVersion == null) {
        if (existing) throw conflict(`${department.name} has ${existing.points} points for “${topic.title}” in ${input.year} already: change them with their expectedVersion`, { reason: 'DUPLICATE', existingId: String(existing.id), currentVersion: existing.version });
        const row = this.em.create(InnovationBonus, { department, year: input.year, innovationTopic: topic, points: input.points, note } as never);
        this.em.persist(row);
        await this.em.flush();
        this.audit.created('InnovationBonus', row.id, { department: department.code, year: input.year, innovationTopicId: String(topicId), points: input.points, note });
        return row;
      }
      if (!existing) throw conflict(`${department.name} has no ${input.year} points for “${topic.title}” to change`, { reason: 'NOT_STORED' });
      if (existing.version !== expectedVersion) throw this.versionError('InnovationBonus', existing.id, existing.version, expectedVersion);
      const changes: FieldChange[] = [];
      if (existing.points !== input.points) changes.push({ field: 'points', before: existing.points, after: input.points });
      if ((existing.note ?? null) !== note) changes.push({ field: 'note', before: existing.note ?? null, after: note });
      if (changes.length) {
        existing.points = input.points;
        existing.note = note;
        this.audit.updated('InnovationBonus', existing.id, changes);
      }
      return existing;
    });
  }

  deleteBonus(id: string | number, expectedVersion: number): Promise<boolean> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('withdraw 创新创优 points');
      const row = await this.em.findOne(InnovationBonus, { id: parseId(id, 'id') });
      if (!row) throw notFound('InnovationBonus', id);
      await this.assertNotPublished(row.year);
      if (row.version !== expectedVersion) throw this.versionError('InnovationBonus', row.id, row.version, expectedVersion);
      const department = await this.em.findOneOrFail(Department, row.department.id);
      this.audit.deleted('InnovationBonus', row.id, { department: department.code, year: row.year, innovationTopicId: String(row.innovationTopic.id), points: row.points, note: row.note ?? null });
      this.em.remove(row);
      return true;
    });
  }

  // ---- the score -----------------------------------------------------------------------------------

  /**
   * Every department's score for the year that leads or supports an item, or has an entered score
   * or a bonus, ranked. A published year answers as published. A fixed number of statements whatever
   * the number of departments: the publication, the rule, the scorecard's, the ratings, the bonuses.
   */
  async annualScores(year: number): Promise<DepartmentAnnualScore[]> {
    this.progress.assertYear(year);
    const publication = await this.em.findOne(ScorePublication, { year }, { populate: ['snapshot'] });
    if (publication) return this.fromSnapshot(publication);
    if (this.permissions.actor.role === null) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, `The ${year} scores are not published yet: sign in to see them while the office works on them.`);
    }
    return this.compute(year);
  }

  private async compute(year: number): Promise<DepartmentAnnualScore[]> {
    const [rule, cards, ratings, bonuses] = [await this.rule(year), await this.progress.scorecard(year, null, null), await this.em.find(DepartmentRating, { year }), await this.em.find(InnovationBonus, { year }, { populate: ['innovationTopic'], orderBy: { innovationTopic: 'asc' } })];
    const ratingOf = new Map(ratings.map((r) => [r.department.id, r]));
    const bonusesOf = new Map<number, InnovationBonus[]>();
    for (const b of bonuses) bonusesOf.set(b.department.id, [...(bonusesOf.get(b.department.id) ?? []), b]);
    const inputs: DepartmentInputs[] = cards
      .filter((c) => c.items.length || ratingOf.has(c.department.id) || bonusesOf.has(c.department.id))
      .map((c) => {
        const rating = ratingOf.get(c.department.id);
        return {
          department: c.department,
          items: c.items.map((i) => ({ itemKey: i.itemKey, name: i.name, role: i.role!, attribute: i.attribute, status: i.progress.status, ratio: i.progress.ratio, explanation: i.progress.explanation })),
          rating: rating ? { socialScore: rating.socialScore ?? null, leadershipScore: rating.leadershipScore ?? null, note: rating.note ?? null } : null,
          bonuses: (bonusesOf.get(c.department.id) ?? []).map((b) => ({ topicId: b.innovationTopic.id, title: b.innovationTopic.title, points: b.points, note: b.note ?? null })),
        };
      });
    return computeAnnualScores(year, valuesOf(rule), inputs);
  }

  /** Freezes the year (ADMIN): its scores as they are now are kept and served; later changes to its rules, ratings and bonuses are refused. */
  publish(year: number): Promise<DepartmentAnnualScore[]> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('publish the 3+1 scores');
      this.progress.assertYear(year);
      await this.assertNotPublished(year);
      const scores = await this.compute(year);
      const snapshot: Snapshot = scores.map(({ department, publishedAt: _, ...rest }) => ({ ...rest, departmentId: department.id, published: true }));
      const row = this.em.create(ScorePublication, { year, publishedAt: new Date(), publishedBy: this.permissions.actor.username, snapshot: JSON.stringify(snapshot) } as never);
      this.em.persist(row);
      await this.em.flush();
      this.audit.created('ScorePublication', row.id, { year, departments: scores.length });
      return scores.map((s) => Object.assign(s, { published: true, publishedAt: row.publishedAt }));
    });
  }

  /** The publication of the year, or null. */
  publication(year: number): Promise<ScorePublication | null> {
    this.progress.assertYear(year);
    return this.em.findOne(ScorePublication, { year });
  }

  private async fromSnapshot(publication: ScorePublication): Promise<DepartmentAnnualScore[]> {
    const snapshot = JSON.parse(publication.snapshot) as Snapshot;
    const departments = new Map((await this.em.find(Department, { id: { $in: snapshot.map((s) => s.departmentId) } })).map((d) => [d.id, d]));
    return snapshot
      .filter((s) => departments.has(s.departmentId)) // a department deleted since: its row goes with it
      .map(({ departmentId, parts, ...rest }) =>
        Object.assign(new DepartmentAnnualScore(), rest, {
          department: departments.get(departmentId)!,
          published: true,
          publishedAt: publication.publishedAt,
          parts: parts.map((p) => Object.assign(new AnnualScorePart(), p, { inputs: p.inputs.map((i) => Object.assign(new ScoreInput(), i)) })),
        }),
      );
  }

  private async assertNotPublished(year: number) {
    const published = await this.em.findOne(ScorePublication, { year });
    if (published) {
      throw conflict(`The ${year} scores were published on ${published.publishedAt.toISOString().slice(0, 10)} and are frozen: nothing of ${year} can change any more`, { reason: 'PUBLISHED', year });
    }
  }

  private versionError(type: string, id: number, version: number, expectedVersion: number) {
    return conflict(`${type} ${id} is at version ${version}, not ${expectedVersion}: someone else saved it first`, { currentVersion: version, expectedVersion });
  }
}
