import { useI18n } from '../../i18n';
import { readVariable, type VariableSpec } from './analysis';

/**
 * The query's default variables as a form: one input per variable the query declares, typed as the
 * variable is (Int and Float as numbers, Boolean and enums as a select, lists comma-separated as in a
 * link's query string, input objects as JSON). A value of the wrong type says why under the input;
 * the page refuses to save while one does.
 */
export function VariablesForm({ specs, values, onChange, disabled }: { specs: VariableSpec[]; values: Record<string, string>; onChange(name: string, text: string): void; disabled?: boolean }) {
  const { lang, t } = useI18n();
  if (!specs.length) return <p className="muted" data-testid="dataset-variables">{t({ zh: '查询没有声明变量（如 $year: Int）。', en: 'The query declares no variables (such as $year: Int).' })}</p>;
  return (
    <table className="dataset-variables" data-testid="dataset-variables">
      <thead>
        <tr>
          <th>{t({ zh: '变量', en: 'Variable' })}</th>
          <th>{t({ zh: '类型', en: 'Type' })}</th>
          <th>{t({ zh: '默认值（链接参数可覆盖）', en: 'Default (a link parameter overrides it)' })}</th>
        </tr>
      </thead>
      <tbody>
        {specs.map((spec) => {
          const text = values[spec.name] ?? '';
          const read = readVariable(text, spec, lang);
          const error = 'error' in read ? read.error : null;
          const id = `dataset-var-${spec.name}`;
          const empty = spec.queryDefault != null ? t({ zh: `（查询中的默认值：${spec.queryDefault}）`, en: `(the query’s default: ${spec.queryDefault})` }) : spec.required ? t({ zh: '（必填：链接须给出）', en: '(required: the link must give it)' }) : t({ zh: '（不限）', en: '(none)' });
          const select = (spec.kind === 'enum' && spec.values && !spec.list) || (spec.kind === 'boolean' && !spec.list);
          const options = spec.kind === 'boolean' ? ['true', 'false'] : (spec.values ?? []);
          return (
            <tr key={spec.name}>
              <td>
                <label htmlFor={id}>
                  <code>${spec.name}</code>
                </label>
              </td>
              <td>
                <code>{spec.type}</code>
              </td>
              <td>
                {select ? (
                  <select id={id} value={options.includes(text) ? text : ''} onChange={(e) => onChange(spec.name, e.target.value)} disabled={disabled} data-testid={id}>
                    <option value="">{empty}</option>
                    {options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    value={text}
                    onChange={(e) => onChange(spec.name, e.target.value)}
                    inputMode={!spec.list && (spec.kind === 'int' || spec.kind === 'float') ? 'decimal' : undefined}
                    placeholder={spec.list ? t({ zh: `多个值用逗号分隔 ${empty}`, en: `comma-separated ${empty}` }) : empty}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    disabled={disabled}
                    spellCheck={false}
                    data-testid={id}
                  />
                )}
                {error && (
                  <div className="field-error" id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
                    {error}
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
