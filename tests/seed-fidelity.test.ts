// Checks the seeded plan, as the GraphQL API serves it, against the source text of the plan itself
// (shared/seed/000_a80ee6168f662b2e.txt). The tables are parsed from the source here, independently
// of seeds/, so a transcription slip shows up as a difference between the page and the API.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, type TestHub } from './helpers';

// Beside the checkout (/work/main → /work/shared), or two levels up from a worktree (/work/wt/x).
const SOURCE_PATH = ['../shared', '../../shared'].map((d) => resolve(process.cwd(), d, 'seed/000_a80ee6168f662b2e.txt')).find((p) => existsSync(p)) ?? resolve(process.cwd(), '../shared/seed/000_a80ee6168f662b2e.txt');
const SOURCE = readFileSync(SOURCE_PATH, 'utf8');

/** The page's paragraphs: separated by blank lines; blank (incl. nbsp-only) paragraphs dropped. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The source text from the line starting with `startLine` up to (not including) `end`. */
function block(startLine: string, end: string): string {
  const start = SOURCE.search(new RegExp(`^${startLine}`, 'm'));
  expect(start, `no line starting with ${startLine}`).toBeGreaterThanOrEqual(0);
  const stop = SOURCE.indexOf(end, start);
  expect(stop, `no ${end} after ${startLine}`).toBeGreaterThan(start);
  return SOURCE.slice(start, stop);
}

/** Splits paragraphs into rows that start at the bare row numbers 1, 2, … n (in that order). */
function rowsBySeq(paras: string[], n: number): string[][] {
  const starts: number[] = [];
  let from = 0;
  for (let seq = 1; seq <= n; seq++) {
    const i = paras.indexOf(String(seq), from);
    expect(i, `row ${seq} not found`).toBeGreaterThanOrEqual(0);
    starts.push(i);
    from = i + 1;
  }
  return starts.map((s, k) => paras.slice(s + 1, k + 1 < starts.length ? starts[k + 1] : paras.length));
}

interface Table1Row {
  seq: number;
  nameCell: string;
  targetCell: string;
  growth: number | null;
  attribute: '预期性' | '约束性';
}

/** 表1: every row is seq, name cell, target cell, optional growth, attribute. */
function parseTable1(): Table1Row[] {
  const paras = paragraphs(block('表1', '说明:*为五年累计数'));
  const rows: Table1Row[] = [];
  let group: string[] = [];
  for (const p of paras) {
    if (p !== '预期性' && p !== '约束性') {
      group.push(p);
      continue;
    }
    const seq = rows.length + 1;
    // The first group also holds the header (指标, 指标值, …, 2020, 年均增长(%)): take the row from
    // the last bare seq number that leaves 2 or 3 cells before the attribute.
    let at = -1;
    for (let i = group.length - 1; i >= 0 && at < 0; i--) {
      if (group[i] === String(seq) && [2, 3].includes(group.length - i - 1)) at = i;
    }
    expect(at, `表1 row ${seq}: ${JSON.stringify(group)}`).toBeGreaterThanOrEqual(0);
    const [nameCell, targetCell, growthCell] = group.slice(at + 1);
    if (growthCell !== undefined) expect(growthCell).toMatch(/^\d+(\.\d+)?$/);
    rows.push({ seq, nameCell, targetCell, growth: growthCell === undefined ? null : Number(growthCell), attribute: p });
    group = [];
  }
  expect(group).toEqual([]);
  return rows;
}

const METHOD: Record<string, string> = {
  目标考核: 'TARGET_ASSESSMENT',
  定期通报: 'REGULAR_BULLETIN',
  日常抽查: 'ROUTINE_SPOT_CHECK',
  实地核查: 'ON_SITE_VERIFICATION',
  绩效评估: 'PERFORMANCE_EVALUATION',
};

interface Table2Row {
  titleLines: string[];
  content: string[];
  departments: string[];
  methods: string[];
}

/**
 * 表2: after the four header cells, each row is its title line(s) (short), the content paragraph(s),
 * the lead departments (paragraphs starting with 区) and the assessment methods.
 */
function parseTable2(): Table2Row[] {
  const paras = paragraphs(block('表2', '3、绩效管理举措'));
  expect(paras.slice(1, 5)).toEqual(['目标', '主要考核内容及指标', '考核牵头部门', '考核方式']);
  const rows: Table2Row[] = [];
  let i = 5;
  while (i < paras.length) {
    const cells: string[] = [];
    while (i < paras.length && !Object.hasOwn(METHOD, paras[i])) cells.push(paras[i++]);
    const methods: string[] = [];
    while (i < paras.length && Object.hasOwn(METHOD, paras[i])) methods.push(paras[i++]);
    let t = 0;
    while (t < cells.length && cells[t].length <= 12) t++;
    let d = cells.length;
    while (d > t && cells[d - 1].startsWith('区')) d--;
    rows.push({ titleLines: cells.slice(0, t), content: cells.slice(t, d), departments: cells.slice(d), methods });
  }
  return rows;
}

/** 表5: after the header, each row is seq, name, 编制单位, year. */
function parseTable5(): { seq: number; name: string; unit: string; year: number }[] {
  const paras = paragraphs(block('表5', '四、保障措施'));
  expect(paras.slice(1, 5)).toEqual(['序号', '标准名称', '编制单位', '发布时间']);
  const cells = paras.slice(5);
  expect(cells.length % 4).toBe(0);
  const rows = [];
  for (let k = 0; k < cells.length; k += 4) {
    const [seq, name, unit, year] = cells.slice(k, k + 4);
    expect(seq).toBe(String(k / 4 + 1));
    expect(year).toMatch(/^\d{4}$/);
    rows.push({ seq: Number(seq), name, unit, year: Number(year) });
  }
  return rows;
}

const RESP = 'responsibilities { role note noteEn department { id code name } }';

interface Dept {
  id: string;
  code: string;
  name: string;
}
interface Resp {
  role: 'LEAD' | 'SUPPORT';
  note: string | null;
  noteEn: string | null;
  department: Dept;
}

describe('seed fidelity: the seeded plan against its source text', () => {
  let hub: TestHub;
  let indicators: any[];
  let specialTargets: any[];
  let rectifications: any[];
  let topics: any[];
  let standards: any[];
  const counts: Record<string, number> = {};
  const deptCache = new Map<string, Dept | null>();

  async function dept(name: string): Promise<Dept | null> {
    if (!deptCache.has(name)) {
      const d = await hub.gql('query($n: String) { department(name: $n) { id code name } }', { n: name });
      deptCache.set(name, d.department);
    }
    return deptCache.get(name)!;
  }
  async function deptId(name: string): Promise<string> {
    const d = await dept(name);
    expect(d, `department(name: "${name}") resolves`).not.toBeNull();
    return d!.id;
  }

  beforeAll(async () => {
    hub = await startHub();
    const d = await hub.gql(`{
      indicators(limit: 100, orderBy: [{field: "seq"}]) { totalCount items {
        id seq name unit unitAsWritten targetText targetAsWritten targetValue targetKind annualGrowthPct
        attribute cumulative ${RESP} specialTargets { id seq } } }
      specialTargets(limit: 100, orderBy: [{field: "seq"}]) { totalCount items {
        id seq title content othersInvolved assessmentMethods ${RESP} indicators { id seq }
        milestones { seq text name value unit year cumulative } } }
      rectifications(limit: 100, orderBy: [{field: "seq"}]) { totalCount items {
        id seq problem direction plan measures expectedOutcomes deadlineYear othersInvolved ${RESP} } }
      innovationTopics(limit: 100, orderBy: [{field: "seq"}]) { totalCount items {
        id seq field title problem path sources ${RESP} } }
      standards(limit: 100, orderBy: [{field: "seq"}]) { totalCount items { id seq name releaseYear ${RESP} } }
    }`);
    for (const k of ['indicators', 'specialTargets', 'rectifications', 'innovationTopics', 'standards']) counts[k] = d[k].totalCount;
    indicators = d.indicators.items;
    specialTargets = d.specialTargets.items;
    rectifications = d.rectifications.items;
    topics = d.innovationTopics.items;
    standards = d.standards.items;
  });
  afterAll(() => hub.close());

  const bySeq = (rows: any[], seq: number) => {
    const row = rows.find((r) => r.seq === seq);
    expect(row, `row with seq ${seq}`).toBeDefined();
    return row;
  };
  const leads = (r: { responsibilities: Resp[] }) => r.responsibilities.filter((x) => x.role === 'LEAD');

  it('serves every row of the five tables', () => {
    expect(counts).toEqual({ indicators: 24, specialTargets: 10, rectifications: 5, innovationTopics: 5, standards: 9 });
    for (const rows of [indicators, specialTargets, rectifications, topics, standards]) {
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    }
  });

  describe('表1 key performance indicators', () => {
    const table1 = parseTable1();

    it('the source table has 24 rows', () => {
      expect(table1.map((r) => r.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    });

    it.each(table1.map((r) => [r.seq, r] as const))('row %i matches the source', (seq, row) => {
      const api = bySeq(indicators, seq);
      // The name is the start of the name cell; what follows is the unit, brackets lost or not.
      expect(row.nameCell.startsWith(api.name), `${api.name} is a prefix of ${row.nameCell}`).toBe(true);
      const rest = row.nameCell.slice(api.name.length).replace(/[()]/g, '');
      if (rest !== '') expect(api.unit).toBe(rest);
      if (api.unitAsWritten === null) expect(row.nameCell).toBe(`${api.name}(${api.unit})`);
      else expect(api.unitAsWritten).toBe(row.nameCell);

      expect(api.cumulative).toBe(row.targetCell.endsWith('*'));
      expect(api.attribute).toBe(row.attribute === '预期性' ? 'EXPECTED' : 'BINDING');
      expect(api.annualGrowthPct).toBe(row.growth);

      if (row.targetCell === '同上') {
        const above = bySeq(indicators, seq - 1);
        expect(api.targetAsWritten).toBe('同上');
        expect(api.targetText).toBe(above.targetText);
        expect(api.targetKind).toBe(above.targetKind);
        expect(api.targetValue).toBe(above.targetValue);
      } else {
        const text = row.targetCell.replace(/\*$/, '');
        expect(api.targetText).toBe(text);
        expect(api.targetAsWritten).toBeNull();
        if (/^\d+(\.\d+)?$/.test(text)) {
          expect(api.targetKind).toBe('EXACT');
          expect(api.targetValue).toBe(Number(text));
        }
      }
    });

    it('reads the awkward targets', () => {
      const t = (seq: number) => {
        const r = bySeq(indicators, seq);
        return [r.targetText, r.targetKind, r.targetValue, r.targetAsWritten];
      };
      expect(t(7)).toEqual(['13左右', 'APPROX', 13, null]);
      expect(t(14)).toEqual(['与GDP同步', 'RELATIVE', null, null]);
      expect(t(20)).toEqual(['达到68以上', 'AT_LEAST', 68, null]);
      expect(t(21)).toEqual(['控制在50以内', 'AT_MOST', 50, null]);
      expect(t(22)).toEqual(['市下达目标', 'ASSIGNED', null, null]);
      expect(t(23)).toEqual(['市下达目标', 'ASSIGNED', null, '同上']);
      expect(t(24)).toEqual(['市下达目标', 'ASSIGNED', null, '同上']);

      const r1 = bySeq(indicators, 1);
      expect([r1.name, r1.unit, r1.targetText, r1.targetKind, r1.targetValue, r1.annualGrowthPct, r1.cumulative]).toEqual([
        '地区生产总值', '亿元', '1500', 'EXACT', 1500, 11.0, false,
      ]);
      const r8 = bySeq(indicators, 8);
      expect([r8.name, r8.unit, r8.targetText, r8.targetKind, r8.targetValue, r8.cumulative, r8.attribute]).toEqual([
        '新引进人才数', '万人', '12.5', 'EXACT', 12.5, true, 'EXPECTED',
      ]);
      const r17 = bySeq(indicators, 17);
      expect([r17.name, r17.targetText, r17.targetKind, r17.targetValue, r17.cumulative, r17.attribute]).toEqual([
        '新增城镇就业人数', '30000', 'EXACT', 30000, true, 'BINDING',
      ]);
    });

    it('repairs the units the page lost', () => {
      const u = (seq: number) => {
        const r = bySeq(indicators, seq);
        return [r.name, r.unit, r.unitAsWritten];
      };
      expect(u(6)).toEqual(['出口总额', '亿美元', '出口总额(亿美元']);
      expect(u(3)).toEqual(['信息经济增加值占GDP比重', '%', '信息经济增加值占GDP比重(%']);
      expect(u(4)).toEqual(['地方一般公共预算收入', '亿元', '地方一般公共预算收入亿元']);
      // No unit survived on the page: seeds/ supplies 件.
      expect(u(9)).toEqual(['新获发明专利授权量', '件', '新获发明专利授权量(']);
      expect(u(1)).toEqual(['地区生产总值', '亿元', null]);
      expect(u(21)).toEqual(['细颗粒物(PM2.5)年均浓度', 'μg/m3', '细颗粒物(PM2.5)年均浓度μg/m3']);
    });
  });

  describe('department spellings', () => {
    it('区市场监管局 (表2) and 区市场监督管理局 (表5) are one department', async () => {
      const a = await dept('区市场监管局');
      const b = await dept('区市场监督管理局');
      expect(a).not.toBeNull();
      expect(a).toEqual(b);
      expect(a).toEqual({ id: a!.id, code: 'market-regulation', name: '区市场监督管理局' });
    });

    it('住建 is 区住建局', async () => {
      const a = await dept('住建');
      expect(a).toMatchObject({ code: 'housing', name: '区住建局' });
      expect(a!.id).toBe(await deptId('区住建局'));
    });

    it('resolves the short forms of 表3', async () => {
      const expected: Record<string, string> = {
        交通: '区交通局',
        规划: '区规划局',
        城建: '区城建中心',
        建管: '区建管中心',
        环保: '区环保局',
        教育: '区教育局',
        组织部: '区委组织部',
        人才办: '区人才办',
      };
      for (const [short, full] of Object.entries(expected)) {
        const d = await dept(short);
        expect(d, short).not.toBeNull();
        expect(d!.name, short).toBe(full);
      }
      // 建管 and 环保 are spelled out elsewhere in the plan (表2 / 表5).
      expect(SOURCE).toContain('区建管中心');
      expect(SOURCE).toContain('区环保局');
      expect(await deptId('建管')).toBe(await deptId('区建管中心'));
      expect(await deptId('环保')).toBe(await deptId('区环保局'));
    });

    it('standard 2 and special target 3 point at the same market-regulation department', async () => {
      const id = await deptId('区市场监管局');
      expect(leads(bySeq(standards, 2)).map((r) => r.department.id)).toEqual([id]);
      expect(bySeq(specialTargets, 3).responsibilities.map((r: Resp) => r.department.id)).toContain(id);
    });
  });

  describe('表2 special assessment targets', () => {
    const table2 = parseTable2();
    const block2 = block('表2', '3、绩效管理举措');

    it('the source table has 10 rows', () => {
      expect(table2).toHaveLength(10);
    });

    it('every content paragraph and both title halves occur verbatim in the source', () => {
      for (const st of specialTargets) {
        for (const p of st.content.split('\n')) {
          expect(p.length, `target ${st.seq}`).toBeGreaterThan(0);
          expect(block2.includes(p), `target ${st.seq} paragraph ${p.slice(0, 20)}…`).toBe(true);
        }
        const halves = st.title.split(',');
        expect(halves, `target ${st.seq} title ${st.title}`).toHaveLength(2);
        for (const h of halves) expect(block2.includes(h), `target ${st.seq} title half ${h}`).toBe(true);
      }
    });

    it.each(Array.from({ length: 10 }, (_, i) => i + 1))('row %i: title, content, lead departments and methods as the source has them', async (seq) => {
      const src = table2[seq - 1];
      const api = bySeq(specialTargets, seq);
      expect(src.titleLines.join('')).toBe(api.title.replace(',', ''));
      if (src.titleLines.length === 2) expect(api.title).toBe(src.titleLines.join(','));
      expect(api.content).toBe(src.content.join('\n'));
      expect(api.assessmentMethods).toEqual(src.methods.map((m) => METHOD[m]));

      const names = src.departments.map((n, i) => (i === src.departments.length - 1 ? n.replace(/等$/, '') : n));
      expect(api.othersInvolved).toBe(src.departments[src.departments.length - 1].endsWith('等'));
      const ids = [];
      for (const n of names) ids.push(await deptId(n));
      expect(leads(api).map((r) => r.department.id)).toEqual(ids);
    });

    it('lists 等 as others involved and the methods of row 6 in the source order', () => {
      expect(bySeq(specialTargets, 1).othersInvolved).toBe(true);
      expect(block2).toContain('区科技局等');
      expect(bySeq(specialTargets, 10).othersInvolved).toBe(true);
      expect(block2).toContain('区行政服务中心等');

      const methods6 = ['TARGET_ASSESSMENT', 'REGULAR_BULLETIN', 'ROUTINE_SPOT_CHECK', 'ON_SITE_VERIFICATION', 'PERFORMANCE_EVALUATION'];
      expect(bySeq(specialTargets, 6).assessmentMethods).toEqual(methods6);
      const paras = paragraphs(block2);
      const at = paras.indexOf('区三改一拆办等');
      expect(at).toBeGreaterThan(0);
      expect(paras.slice(at + 1, at + 6)).toEqual(['目标考核', '定期通报', '日常抽查', '实地核查', '绩效评估']);
      expect(paras.slice(at + 1, at + 6).map((m) => METHOD[m])).toEqual(methods6);
    });
  });

  describe('表2 milestones: the numeric aims inside the targets’ contents', () => {
    const table2 = parseTable2();
    /** Numbers of the contents that are no aim: years, and names (人才新政27条, 5050计划, 4G, metro lines). seeds/README.md says why. */
    const NOT_AIMS = [/20\d\d年/g, /人才新政27条/g, /“5050计划”/g, /4G网络/g, /地铁4、5、6号线/g, /地铁5号线/g];
    const all = () => specialTargets.flatMap((st) => st.milestones.map((m: any) => ({ target: st.seq, ...m })));

    it('46 milestones: 1, 7, 14, 2, 4, 15, 1, 1, 1 and none for the reform target', () => {
      expect(specialTargets.map((st) => st.milestones.length)).toEqual([1, 7, 14, 2, 4, 15, 1, 1, 1, 0]);
      expect(all()).toHaveLength(46);
      for (const st of specialTargets) expect(st.milestones.map((m: any) => m.seq)).toEqual(st.milestones.map((_: unknown, i: number) => i + 1));
    });

    it('each text occurs verbatim in its target’s content as the source has it, and holds its value and unit as written', () => {
      for (const m of all()) {
        const src = table2[m.target - 1].content.join('\n');
        expect(src.includes(m.text), `target ${m.target} milestone ${m.seq}: ${m.text}`).toBe(true);
        const written = [String(m.value), m.value.toFixed(1), ...(m.value === 1 ? ['一'] : [])];
        expect(written.some((w) => m.text.includes(`${w}${m.unit}`)), `${m.text} holds ${m.value}${m.unit}`).toBe(true);
        expect(m.year).toBe(2020);
      }
    });

    it('every number in the contents is inside a milestone’s text, or a year or a name', () => {
      for (const [i, row] of table2.entries()) {
        const content = row.content.join('\n');
        const covered: [number, number][] = [];
        for (const m of specialTargets[i].milestones) for (let at = content.indexOf(m.text); at >= 0; at = content.indexOf(m.text, at + 1)) covered.push([at, at + m.text.length]);
        for (const re of NOT_AIMS) for (const hit of content.matchAll(re)) covered.push([hit.index!, hit.index! + hit[0].length]);
        for (const n of content.matchAll(/\d+(?:\.\d+)?/g)) {
          const inside = covered.some(([a, b]) => a <= n.index! && n.index! + n[0].length <= b);
          expect(inside, `target ${i + 1}: ${content.slice(Math.max(0, n.index! - 10), n.index! + 10)}`).toBe(true);
        }
      }
    });

    it('hand-checked rows', () => {
      const row = (target: number, seq: number) => {
        const m = specialTargets[target - 1].milestones[seq - 1];
        return [m.text, m.name, m.value, m.unit, m.cumulative];
      };
      expect(row(1, 1)).toEqual(['2020年实现智慧经济产业规模5000亿元', '智慧经济产业规模', 5000, '亿元', false]);
      expect(row(2, 4)).toEqual(['力争五年内上市(挂牌)企业总数达150家以上', '上市(挂牌)企业总数', 150, '家', false]);
      expect(row(2, 5)).toEqual(['力争五年引进人才总量不少于12.5万名', '引进人才总量', 12.5, '万名', true]);
      expect(row(2, 7)).toEqual(['力争5年内全区数字安防产业专利储备总量突破1.2万件', '数字安防产业专利储备总量', 1.2, '万件', false]);
      expect(row(3, 7)).toEqual(['新增就业岗位6万个', '新增就业岗位', 6, '万个', true]);
      expect(row(3, 8)).toEqual(['重点培育贝壳社、六和桥、楼友会等50家众创空间、孵化器', '重点培育的众创空间、孵化器', 50, '家', false]);
      expect(row(4, 2)).toEqual(['实现公交分担率达到35.0%以上', '公交分担率', 35, '%', false]);
      expect(row(5, 1)).toEqual(['实际利用外资不低于40亿美元', '实际利用外资', 40, '亿美元', true]);
      expect(row(6, 1)).toEqual(['到2020年常住人口总量不超过40万人', '常住人口总量', 40, '万人', false]);
      expect(row(6, 14)).toEqual(['创办一所国际化学校', '创办国际化学校', 1, '所', true]);
      expect(row(8, 1)).toEqual(['人均体育场地面积达到1.85平方米', '人均体育场地面积', 1.85, '平方米', false]);
      expect(row(9, 1)).toEqual(['全区每万人口拥有社会组织10个', '每万人口拥有社会组织数', 10, '个', false]);
    });

    it('five-year totals (cumulative) are the new, introduced and built amounts of the period; levels, shares and stocks are not', () => {
      const cumulative = all().filter((m) => m.cumulative).map((m) => `${m.target}.${m.seq}`);
      expect(cumulative).toEqual(['2.1', '2.2', '2.5', '2.6', '3.6', '3.7', '5.1', '5.2', '5.3', '5.4', '6.2', '6.4', '6.5', '6.6', '6.11', '6.12', '6.13', '6.14', '6.15']);
      // Every share is a level.
      for (const m of all()) if (m.unit === '%') expect(m.cumulative, m.text).toBe(false);
      // 总数 / 总量 of a stock (listed firms, patents held) is a level; 引进…总量 over five years is a total.
      expect(all().filter((m) => /总数|储备总量/.test(m.text)).every((m) => !m.cumulative)).toBe(true);
    });
  });

  describe('表3 hot issues to rectify', () => {
    const block3 = block('表3', '2、共性绩效问题改进');
    const paras3 = paragraphs(block3);
    expect(paras3.slice(1, 7)).toEqual(['序号', '问题概要', '整改方向', '整改计划', '整改举措及目标', '预期成效']);
    const rows3 = rowsBySeq(paras3.slice(7), 5);
    const FIELDS = ['problem', 'direction', 'plan', 'measures', 'expectedOutcomes'] as const;

    it('every paragraph of every column occurs verbatim in the source', () => {
      for (const r of rectifications) {
        for (const f of FIELDS) {
          for (const p of (r[f] as string).split('\n')) {
            expect(p.length, `row ${r.seq} ${f}`).toBeGreaterThan(0);
            expect(block3.includes(p), `row ${r.seq} ${f}: ${p.slice(0, 20)}…`).toBe(true);
          }
        }
      }
    });

    it.each([1, 2, 3, 4, 5])('row %i: the five columns are the row\'s paragraphs, in order, none lost', (seq) => {
      const r = bySeq(rectifications, seq);
      expect(FIELDS.flatMap((f) => (r[f] as string).split('\n'))).toEqual(rows3[seq - 1]);
      expect(r.problem).toBe(rows3[seq - 1][0]);
    });

    it('deadline 2020 for all five, as the plan column says', () => {
      for (const r of rectifications) {
        expect(r.deadlineYear, `row ${r.seq}`).toBe(2020);
        expect(r.plan, `row ${r.seq}`).toContain('整改时限:2020年');
      }
      expect(block3.match(/整改时限:2020年/g)).toHaveLength(5);
    });

    it.each([1, 2, 3, 4, 5])('row %i: responsible units as 责任单位 names them (first LEAD, others SUPPORT)', async (seq) => {
      const line = rows3[seq - 1].find((p) => p.startsWith('责任单位:'));
      expect(line).toBeDefined();
      const m = /^责任单位:(.+?)(等相关责任单位)?。$/.exec(line!);
      expect(m, line).not.toBeNull();
      const ids = [];
      for (const n of m![1].split('、')) ids.push(await deptId(n));
      const r = bySeq(rectifications, seq);
      expect(r.othersInvolved).toBe(m![2] !== undefined);
      expect(r.responsibilities.map((x: Resp) => [x.role, x.department.id])).toEqual(
        ids.map((id, i) => [i === 0 ? 'LEAD' : 'SUPPORT', id]),
      );
    });
  });

  describe('表4 innovation guide', () => {
    const block4 = block('表4', '(四)构建公共服务和社会治理标准化体系');
    const paras4 = paragraphs(block4);
    const rows4 = rowsBySeq(paras4.slice(1), 5);
    const FIELD: Record<string, string> = {
      经济建设: 'ECONOMY',
      政治建设: 'POLITICS',
      文化建设: 'CULTURE',
      社会建设: 'SOCIETY',
      生态文明建设: 'ECOLOGY',
      制度建设: 'INSTITUTIONS',
    };
    const SOURCE_DOC = /^(区“十三五”规划|\d{4}年区政府工作报告|区第.次党代会报告)$/;

    it('every problem and path paragraph occurs verbatim in the source', () => {
      for (const t of topics) {
        for (const p of [...t.problem.split('\n'), ...t.path.split('\n')]) {
          expect(p.length, `topic ${t.seq}`).toBeGreaterThan(0);
          expect(block4.includes(p), `topic ${t.seq}: ${p.slice(0, 20)}…`).toBe(true);
        }
      }
    });

    it.each([1, 2, 3, 4, 5])('row %i: field, title, problem, path and sources as the source has them', (seq) => {
      const cells = rows4[seq - 1];
      let s = cells.length;
      while (s > 0 && SOURCE_DOC.test(cells[s - 1])) s--;
      const [field, title, problem, ...path] = cells.slice(0, s);
      const t = bySeq(topics, seq);
      expect(t.field).toBe(FIELD[field]);
      expect(t.title).toBe(title);
      expect(t.problem).toBe(problem);
      expect(t.path).toBe(path.join('\n'));
      expect(t.sources).toEqual(cells.slice(s));
    });

    it('topic 1 is ECONOMY with its three sources; topic 3 is INSTITUTIONS', () => {
      expect(bySeq(topics, 1).field).toBe('ECONOMY');
      expect(bySeq(topics, 1).sources).toEqual(['区“十三五”规划', '2016年区政府工作报告', '区第五次党代会报告']);
      expect(bySeq(topics, 3).field).toBe('INSTITUTIONS');
      expect(bySeq(topics, 3).title).toBe('深化体制改革,激发众创活力');
    });
  });

  describe('表5 standards', () => {
    const table5 = parseTable5();

    it('the source table has 9 rows', () => {
      expect(table5.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it.each(table5.map((r) => [r.seq, r] as const))('row %i: name, release year and compiling unit', async (seq, row) => {
      const s = bySeq(standards, seq);
      expect(s.name).toBe(row.name);
      expect(s.releaseYear).toBe(row.year);
      expect(leads(s).map((r) => r.department.id)).toEqual([await deptId(row.unit)]);
    });
  });

  describe('responsibilities and links', () => {
    it('every indicator has exactly one LEAD', () => {
      for (const i of indicators) expect(leads(i).length, `indicator ${i.seq}`).toBe(1);
    });

    it('every note a reader sees is Chinese, with its English for the English UI (issue 10, item 4)', () => {
      const all = [...indicators, ...specialTargets, ...rectifications, ...topics, ...standards].flatMap((row) => row.responsibilities as Resp[]);
      expect(all.length).toBeGreaterThanOrEqual(24 + 10 + 5 + 5 + 9);
      for (const r of all) {
        // Chinese: it says the role first, and no English words (the plan's own R&D, GDP, PM2.5 may be quoted).
        expect(r.note, r.note!).toMatch(/^(牵头|配合)：/);
        expect(r.note, r.note!).not.toMatch(/[A-Za-z]{4,}/);
        expect(r.noteEn, r.note!).toMatch(/^(Lead|Support): [A-Z a-z]/);
      }
    });

    it('every responsibility carries its reason', () => {
      const all = [
        ...indicators.map((r) => ['indicator', r] as const),
        ...specialTargets.map((r) => ['special target', r] as const),
        ...rectifications.map((r) => ['rectification', r] as const),
        ...topics.map((r) => ['innovation topic', r] as const),
        ...standards.map((r) => ['standard', r] as const),
      ];
      let n = 0;
      for (const [kind, row] of all) {
        expect(row.responsibilities.length, `${kind} ${row.seq}`).toBeGreaterThan(0);
        for (const r of row.responsibilities as Resp[]) {
          n++;
          expect(typeof r.note === 'string' && r.note.trim().length > 0, `${kind} ${row.seq}, ${r.department.name}`).toBe(true);
        }
      }
      expect(n).toBeGreaterThanOrEqual(24 + 10 + 5 + 5 + 9);
    });

    it('indicator ↔ special target links agree both ways, and every indicator is linked', () => {
      const ind = new Map(indicators.map((i) => [i.id, i]));
      const st = new Map(specialTargets.map((s) => [s.id, s]));
      let links = 0;
      for (const s of specialTargets) {
        for (const i of s.indicators) {
          links++;
          expect(ind.get(i.id)!.specialTargets.map((x: any) => x.id), `indicator ${i.seq} lists target ${s.seq}`).toContain(s.id);
        }
      }
      for (const i of indicators) {
        expect(i.specialTargets.length, `indicator ${i.seq} is linked`).toBeGreaterThan(0);
        for (const s of i.specialTargets) {
          expect(st.get(s.id)!.indicators.map((x: any) => x.id), `target ${s.seq} lists indicator ${i.seq}`).toContain(i.id);
        }
      }
      expect(indicators.reduce((n, i) => n + i.specialTargets.length, 0)).toBe(links);
      expect(specialTargets.filter((s) => s.seq >= 8).map((s) => s.indicators)).toEqual([[], [], []]);
    });
  });
});
