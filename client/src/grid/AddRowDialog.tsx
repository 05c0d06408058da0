import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { Dialog } from '../ui/Dialog';
import { notify } from '../ui/notify';
import { createRow, listRows } from '../api/rows';
import { explain, parseFieldPath, toProblem } from '../api/errors';
import { reason } from '../api/describe';
import { signInActions } from '../api/session';
import { getDepartments } from '../api/departments';
import { enumKeys, enumLabel } from '../tables/enums';
import { fieldOf } from '../tables/specs';
import { parseTarget } from '../tables/target';
import { parseText, toInput, ValueError } from '../tables/values';
import { RULE_WORDS } from '../tables/rules';
import type { FieldSpec, LinkRef, Responsibility, Row, TableSpec } from '../tables/types';
import { EnumChecks, LinksField, ResponsibilitiesField } from './editors';

const TEXTUAL = new Set(['text', 'longText', 'int', 'year', 'float', 'stringList']);

/** The form for a new row: required fields first, what the server needs, nothing typed lost on a refusal. */
export function AddRowDialog({ spec, onClose, onCreated }: { spec: TableSpec; onClose(): void; onCreated(row: Row): void }) {
  const { lang, t } = useI18n();
  const fields = spec.fields.filter((f) => f.required || f.inCreate);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [values, setValues] = useState<Record<string, unknown>>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);

  // The next free number, after the last row of the table.
  useEffect(() => {
    if (!fields.some((f) => f.name === 'seq')) return;
    listRows(spec, { orderBy: [{ field: 'seq', direction: 'DESC' }], limit: 1, offset: 0 })
      .then((p) => setTexts((x) => (x.seq ? x : { ...x, seq: String((p.items[0]?.seq ?? 0) + 1) })))
      .catch(() => undefined);
  }, [spec]); // eslint-disable-line react-hooks/exhaustive-deps

  const setText = (f: FieldSpec, v: string) => {
    setTexts((x) => ({ ...x, [f.name]: v }));
    setErrors((x) => ({ ...x, [f.name]: '' }));
    // A new indicator's kind and value follow its target text until the user sets them.
    if (spec.key === 'indicators' && f.name === 'targetText') {
      const parsed = parseTarget(v);
      if (parsed && !touched.has('targetKind')) setValues((x) => ({ ...x, targetKind: parsed.kind }));
      if (parsed && !touched.has('targetValue')) setTexts((x) => ({ ...x, targetValue: parsed.value == null ? '' : String(parsed.value) }));
    }
  };
  const setValue = (f: FieldSpec, v: unknown) => {
    setValues((x) => ({ ...x, [f.name]: v }));
    setErrors((x) => ({ ...x, [f.name]: '' }));
  };
  const touch = (f: FieldSpec) => setTouched((s) => new Set(s).add(f.name));

  async function submit() {
    const input: Record<string, unknown> = {};
    const found: Record<string, string> = {};
    for (const f of fields) {
      let v: unknown = values[f.name];
      if (TEXTUAL.has(f.kind)) {
        const raw = texts[f.name] ?? '';
        try {
          v = parseText(f, raw, lang, { departments: getDepartments() });
        } catch (e) {
          if (e instanceof ValueError) found[f.name] = e.message;
          else throw e;
          continue;
        }
      }
      if (f.required && (v == null || v === '')) {
        found[f.name] = RULE_WORDS.required(lang);
        continue;
      }
      if (v == null && !f.required) continue;
      input[f.patchKey ?? f.name] = toInput(f, v);
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const row = await createRow(spec, input);
      notify({ kind: 'success', title: t({ zh: `已添加${spec.rowNoun.zh}`, en: `Added the ${spec.rowNoun.en}` }), body: String(row[spec.titleField] ?? '') });
      onCreated(row);
    } catch (e) {
      const p = toProblem(e);
      const path = parseFieldPath(p.field);
      const f = path.field ? fieldOf(spec, path.field) : undefined;
      if (f) setErrors({ [f.name]: reason(p, lang) });
      notify({ kind: 'error', title: t({ zh: '未能添加', en: 'Not added' }), body: explain(p, lang, reason(p, lang), (name) => fieldOf(spec, name)?.label[lang]), actions: signInActions(p, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t({ zh: `添加${spec.rowNoun.zh}`, en: `Add ${spec.rowNoun.en}` })}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t({ zh: '取消', en: 'Cancel' })}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={submit} data-testid="add-row-submit">
            {busy ? t({ zh: '保存中…', en: 'Saving…' }) : t({ zh: '添加', en: 'Add' })}
          </button>
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {fields.map((f, i) => (
          <div key={f.name} className={`form-row${['longText', 'responsibilities', 'links'].includes(f.kind) ? ' form-row-wide' : ''}`}>
            <label className="form-label" htmlFor={`add-${f.name}`}>
              {f.label[lang]}
              {f.required && <span className="required"> *</span>}
            </label>
            <span className="form-control">
              {renderControl(f, i === 0)}
              {f.hint && <span className="muted small">{f.hint[lang]}</span>}
              {errors[f.name] && (
                <span className="field-error" role="alert">
                  {errors[f.name]}
                </span>
              )}
            </span>
          </div>
        ))}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );

  function renderControl(f: FieldSpec, first: boolean) {
    const common = { id: `add-${f.name}`, name: f.name, 'aria-invalid': !!errors[f.name] || undefined };
    switch (f.kind) {
      case 'longText':
      case 'stringList':
        return <textarea {...common} rows={f.kind === 'longText' ? 4 : 3} value={texts[f.name] ?? ''} onChange={(e) => setText(f, e.target.value)} />;
      case 'enum':
        return (
          <select
            {...common}
            value={String(values[f.name] ?? '')}
            onChange={(e) => {
              touch(f);
              setValue(f, e.target.value || null);
            }}
          >
            {!f.required && <option value="">—</option>}
            {enumKeys(f.enumName!).map((k) => (
              <option key={k} value={k}>
                {enumLabel(f.enumName!, k, lang)}
              </option>
            ))}
          </select>
        );
      case 'enumList':
        return <EnumChecks enumName={f.enumName!} value={(values[f.name] as string[]) ?? []} onChange={(v) => setValue(f, v)} lang={lang} />;
      case 'bool':
        return <input {...common} type="checkbox" checked={!!values[f.name]} onChange={(e) => setValue(f, e.target.checked)} />;
      case 'responsibilities':
        return <ResponsibilitiesField value={(values[f.name] as Responsibility[]) ?? []} onChange={(v) => setValue(f, v)} lang={lang} />;
      case 'links':
        return <LinksField linkTable={f.linkTable!} value={(values[f.name] as LinkRef[]) ?? []} onChange={(v) => setValue(f, v)} lang={lang} />;
      default:
        return (
          <input
            {...common}
            autoFocus={first}
            inputMode={f.kind === 'int' || f.kind === 'year' || f.kind === 'float' ? 'decimal' : undefined}
            value={texts[f.name] ?? ''}
            onChange={(e) => {
              if (f.name === 'targetValue') touch(f);
              setText(f, e.target.value);
            }}
          />
        );
    }
  }
}

function initialValues(fields: FieldSpec[]): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind === 'enum' && f.required) v[f.name] = enumKeys(f.enumName!)[0];
    if (f.kind === 'enum' && !f.required && f.enumName === 'RectificationStatus') v[f.name] = 'OPEN';
    if (f.kind === 'bool') v[f.name] = false;
    if (f.kind === 'enumList' || f.kind === 'responsibilities' || f.kind === 'links') v[f.name] = [];
  }
  return v;
}
