import type { MetadataStorage } from '@mikro-orm/core';
import { getMetadataStorage } from 'type-graphql';
import { dateOf } from '../db/prepared';
import { methodOf } from '../year-targets/derive';
import { isOverdue } from '../rectifications/overdue';
import type { ItemKind } from '../../schema/responsibilities/responsibility.entity';

/**
 * What the read layer knows about each GraphQL type it serves, taken from MikroORM's metadata (tables,
 * columns, column types) and type-graphql's (which GraphQL field is which property): built once per
 * process. A read row is a plain object keyed by entity property, the way the schema's field
 * resolvers read entities, so plain rows and entities answer the same.
 */
export interface Column {
  /** The property the value goes to (GraphQL name may differ: Rectification.plan is planText). */
  property: string;
  /** SQL for the value, given the table's alias. */
  sql: (alias: string) => string;
  convert: (value: unknown) => unknown;
  /** A floating-point column: SQLite's JSON functions print it with 15 digits, so compiled reads carry it as text. */
  real?: boolean;
  /**
   * A field computed from several columns (compiled reads only): they are selected as one object of
   * these properties, each converted, and `convert` gets that object.
   */
  parts?: { property: string; sql: (alias: string) => string; convert: (value: unknown) => unknown }[];
}

export interface ReadType {
  /** GraphQL type name = entity class name. */
  name: string;
  table: string;
  /** GraphQL field name → column. */
  columns: Map<string, Column>;
  /** Set for the five plan tables. */
  kind?: ItemKind;
}

export const ITEM_KINDS: Record<string, ItemKind> = {
  Indicator: 'indicator',
  SpecialTarget: 'specialTarget',
  Rectification: 'rectification',
  InnovationTopic: 'innovationTopic',
  Standard: 'standard',
};
export const ITEM_TYPE_OF_KIND = Object.fromEntries(Object.entries(ITEM_KINDS).map(([t, k]) => [k, t])) as Record<ItemKind, string>;
/** The GraphQL types whose rows the read layer answers. */
export const READ_TYPES = [...Object.keys(ITEM_KINDS), 'Department', 'Responsibility'];

const same = (v: unknown) => v;
const bool = (v: unknown) => (v == null ? null : v === true || v === 1 || v === '1' || v === 't' || v === 'true');
const num = (v: unknown) => (v == null ? null : typeof v === 'number' ? v : Number(v));
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * Fields that are computed from a column on the entity (getters), written here once for plain rows:
 * SpecialTarget.assessmentMethods reads the comma-separated assessmentMethodList.
 */
const DERIVED: Record<string, Record<string, { from: string; convert: (v: unknown) => unknown }>> = {
  SpecialTarget: { assessmentMethods: { from: 'assessmentMethodList', convert: (v) => (v ? String(v).split(',') : []) } },
};

/**
 * Fields the API computes from several columns, written here once for compiled reads by the rule
 * the field resolver itself uses: Indicator.targetMethod is the stored choice or the target kind's default.
 */
const DERIVED_FROM_MANY: Record<string, Record<string, { from: string[]; convert: (values: Record<string, unknown>) => unknown }>> = {
  Indicator: { targetMethod: { from: ['targetKind', 'cumulative', 'targetMethod'], convert: (v) => methodOf(v as never) } },
  // Judged when the answer is completed (every request), as the field resolver judges it.
  Rectification: { overdue: { from: ['status', 'deadlineYear'], convert: (v) => isOverdue(v as never, new Date()) } },
};

function converterOf(type: string, runtimeType: string): (v: unknown) => unknown {
  const t = type.toLowerCase();
  if (t === 'boolean' || runtimeType === 'boolean') return bool;
  if (runtimeType === 'Date' || t === 'date' || t === 'datetime') return dateOf;
  if (t === 'jsontype' || t === 'json') return json;
  if (runtimeType === 'number') return num;
  return same;
}

/** GraphQL field name → property name, for a class and its superclasses. */
function graphqlFields(cls: Function): Map<string, string> {
  const storage = getMetadataStorage() as unknown as { fields: { target: Function; name: string; schemaName: string }[] };
  const out = new Map<string, string>();
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    for (const f of storage.fields) if (f.target === c && !out.has(f.schemaName)) out.set(f.schemaName, f.name);
  }
  return out;
}

let cached: { metadata: MetadataStorage; types: Map<string, ReadType> } | undefined;

export function readTypes(metadata: MetadataStorage): Map<string, ReadType> {
  if (cached?.metadata === metadata) return cached.types;
  const types = new Map<string, ReadType>();
  for (const name of READ_TYPES) {
    const meta = metadata.get(name);
    const columns = new Map<string, Column>();
    for (const [field, property] of graphqlFields(meta.class)) {
      const prop = meta.properties[property as never] as { kind: string; fieldNames: string[]; type: string; runtimeType: string; persist?: boolean } | undefined;
      if (prop && prop.kind === 'scalar' && prop.persist !== false) {
        const col = prop.fieldNames[0];
        const real = /^(double|float|real|decimal|numeric)/i.test(String(prop.type));
        columns.set(field, { property, sql: (a) => `${a}.${col}`, convert: converterOf(String(prop.type), String(prop.runtimeType)), real });
        continue;
      }
      const derived = DERIVED[name]?.[field];
      if (derived) {
        const source = meta.properties[derived.from as never] as { fieldNames: string[] };
        columns.set(field, { property: field, sql: (a) => `${a}.${source.fieldNames[0]}`, convert: derived.convert });
      }
    }
    for (const [field, derived] of Object.entries(DERIVED_FROM_MANY[name] ?? {})) {
      const parts = derived.from.map((property) => {
        const prop = meta.properties[property as never] as { fieldNames: string[]; type: string; runtimeType: string };
        return { property, sql: (a: string) => `${a}.${prop.fieldNames[0]}`, convert: converterOf(String(prop.type), String(prop.runtimeType)) };
      });
      const convert = (v: unknown) => {
        const raw = (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
        return derived.convert(Object.fromEntries(parts.map((p) => [p.property, p.convert(raw[p.property])])));
      };
      columns.set(field, { property: field, sql: () => notSql(field), convert, parts });
    }
    types.set(name, { name, table: meta.tableName, columns, kind: ITEM_KINDS[name] });
  }
  cached = { metadata, types };
  return types;
}

/** The foreign-key column of a property (e.g. Responsibility.indicator → indicator_id). */
export function fkColumn(metadata: MetadataStorage, entity: string, property: string): string {
  return (metadata.get(entity).properties[property as never] as { fieldNames: string[] }).fieldNames[0];
}

function notSql(field: string): never {
  throw new Error(`${field} is computed from several columns: select its parts`);
}
