import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { validateSync } from 'class-validator';
import { IndicatorInput } from '../../schema/indicators/indicator.inputs';
import { SpecialTargetInput } from '../../schema/special-targets/special-target.inputs';
import { RectificationInput } from '../../schema/rectifications/rectification.inputs';
import { InnovationTopicInput } from '../../schema/innovation-topics/innovation-topic.inputs';
import { StandardInput } from '../../schema/standards/standard.inputs';
import { DepartmentInput } from '../../schema/departments/department.inputs';
import { ResponsibilityInput } from '../../schema/responsibilities/responsibility.inputs';
import { PlanRowInput } from '../../schema/transfer/transfer.inputs';
import { checkInput, compiledCheck } from '../../server/transfer/validate';

const good: [new () => object, Record<string, unknown>][] = [
  [IndicatorInput, { seq: 1, name: '地区生产总值', unit: '亿元', targetText: '1500', targetKind: 'EXACT', targetValue: 1500, annualGrowthPct: 11, attribute: 'EXPECTED', cumulative: false, unitAsWritten: null }],
  [SpecialTargetInput, { seq: 2, title: '标题', content: '内容', assessmentMethods: ['TARGET_ASSESSMENT'], othersInvolved: true }],
  [RectificationInput, { seq: 3, problem: 'p', direction: 'd', plan: 'x', measures: 'm', expectedOutcomes: 'e', deadlineYear: 2018, status: 'OPEN', othersInvolved: false }],
  [InnovationTopicInput, { seq: 4, field: 'ECONOMY', title: 't', problem: 'p', path: 'x', sources: ['区“十三五”规划'] }],
  [StandardInput, { seq: 5, name: '标准', releaseYear: 2018 }],
  [DepartmentInput, { code: 'housing', name: '区住建局', nameEn: 'Housing', aliases: ['住建'] }],
  [PlanRowInput, { code: 'binjiang-13th', name: '规划', nameEn: 'Plan', startYear: 2016, endYear: 2020, publishedOn: '2018-07-08', source: null }],
];

/** Values that break one rule or another, or none. */
const values: unknown[] = [undefined, null, '', ' ', 'x', 'abc', '2018', 0, -1, 1, 1.5, 2018, 100001, 1e9, NaN, Infinity, true, [], ['x'], [''], [1], {}, 'a'.repeat(301), 'a'.repeat(20001), '2018-7-8', 'Housing-1', 'UPPER'];

describe('compiled validation agrees with class-validator', () => {
  it('for every input class, field and value', () => {
    let compared = 0;
    for (const [cls, base] of good) {
      const fields = new Set([...Object.keys(base), 'responsibilities', 'planCode']);
      for (const field of fields) {
        for (const value of values) {
          const instance = Object.assign(new cls(), base, { [field]: value }) as Record<string, unknown>;
          const fast = compiledCheck(instance);
          expect(fast, `${cls.name} compiles`).not.toBeNull();
          const slow = validateSync(instance, { forbidUnknownValues: false }).length === 0;
          expect(fast, `${cls.name}.${field} = ${JSON.stringify(value)}`).toBe(slow);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1500);
  });

  it('for nested responsibilities', () => {
    const cases: unknown[] = [
      [],
      [{ department: '区住建局', role: 'LEAD' }],
      [{ department: '', role: 'LEAD' }],
      [{ department: '区住建局', role: 'BOSS' }],
      [{ department: '区住建局', role: 'LEAD', note: 'a'.repeat(2001) }],
      [{ department: '区住建局', role: 'SUPPORT', note: 5 }],
      [null],
      ['区住建局'],
      Array.from({ length: 51 }, () => ({ department: 'x', role: 'LEAD' })),
    ];
    for (const list of cases) {
      const responsibilities = Array.isArray(list) ? list.map((r) => (r && typeof r === 'object' ? Object.assign(new ResponsibilityInput(), r) : r)) : list;
      const instance = Object.assign(new StandardInput(), { seq: 1, name: 'n', releaseYear: 2018, responsibilities });
      expect(compiledCheck(instance), JSON.stringify(list).slice(0, 80)).toBe(validateSync(instance, { forbidUnknownValues: false }).length === 0);
      // Plain objects (what the importer checks) get the same answer.
      expect(checkInput(StandardInput, { seq: 1, name: 'n', releaseYear: 2018, responsibilities: list }).length === 0, JSON.stringify(list).slice(0, 80)).toBe(compiledCheck(instance));
    }
  });

  it('failing rows get class-validator’s own messages, by field', () => {
    const data = { seq: 'abc', name: '', releaseYear: 1800, responsibilities: [{ department: '', role: 'LEAD' }] };
    expect(checkInput(StandardInput, data).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'seq: seq must be a positive integer',
      'seq: seq must be a positive integer',
      'seq: seq must be at most 100000',
      'name: name must not be empty',
      'releaseYear: releaseYear must be a year between 1949 and 2200',
      'responsibilities[0].department: department must not be empty',
    ]);
  });
});
