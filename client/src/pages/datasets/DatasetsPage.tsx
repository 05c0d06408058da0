import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { formatDateTime, useI18n } from '../../i18n';
import { requestSignIn, useSession } from '../../api/session';
import { toProblem } from '../../api/errors';
import { dismiss, notify } from '../../ui/notify';
import { gridTheme } from '../../grid/theme';
import { createLinkToken, deleteDataset, loadDatasets, loadLinkTokens, previewRows, revokeLinkToken, saveDataset, type DatasetRow } from './api';
import { analyse, defaultLabels, readVariable, toFormText, type Analysis } from './analysis';
import { useHubSchema } from './schema';
import { VariablesForm } from './VariablesForm';
import { ColumnLabels } from './ColumnLabels';
import { toRefusal, type Refusal } from './refusal';
import './datasets.css';

// Monaco and the GraphQL language service (a few MB, shared with /graphiql): only when this page opens.
const QueryEditor = lazy(() => import('./QueryEditor'));

const T = {
  title: { zh: '数据集（BI 链接）', en: 'Datasets (BI links)' },
  intro: {
    zh: '数据集是保存的 GraphQL 查询，以 CSV、JSON、XLSX 链接提供给 Excel、WPS、Power BI、Grafana 或 Python；链接的查询参数即查询变量（如 ?attribute=BINDING）。',
    en: 'A dataset is a saved GraphQL query served as CSV, JSON and XLSX links for Excel, WPS, Power BI, Grafana or Python; the link’s parameters are the query’s variables (e.g. ?attribute=BINDING).',
  },
  list: { zh: '数据集', en: 'Datasets' },
  none: { zh: '还没有数据集。', en: 'No datasets yet.' },
  new: { zh: '新建', en: 'New' },
  name: { zh: '名称（链接用，小写字母、数字和 -）', en: 'Name (in the link: lower-case letters, digits and -)' },
  caption: { zh: '标题', en: 'Title' },
  query: { zh: 'GraphQL 查询', en: 'GraphQL query' },
  variables: { zh: '默认变量', en: 'Default variables' },
  labels: { zh: '列名', en: 'Column labels' },
  loadingEditor: { zh: '正在加载查询编辑器…', en: 'Loading the query editor…' },
  badVariables: { zh: '默认变量有误，未保存', en: 'A default variable is wrong; nothing was saved' },
  refused: { zh: '服务器拒绝保存', en: 'The server refused to save' },
  save: { zh: '保存并预览', en: 'Save and preview' },
  remove: { zh: '删除', en: 'Delete' },
  saved: { zh: '已保存', en: 'Saved' },
  preview: { zh: '预览（前 100 行）', en: 'Preview (first 100 rows)' },
  links: { zh: '链接', en: 'Links' },
  withHeader: { zh: '用 API 令牌（Authorization: Bearer）或登录会话：', en: 'With an API token (Authorization: Bearer) or a session:' },
  withToken: { zh: '用链接令牌（不能设置请求头的工具，如 Excel“自网站”）：', en: 'With a link token (tools that cannot set a header, such as Excel “From Web”):' },
  tokens: { zh: '链接令牌', en: 'Link tokens' },
  newToken: { zh: '生成链接令牌', en: 'Create a link token' },
  shownOnce: { zh: '令牌只显示这一次，请现在复制：', en: 'The token is shown this once: copy it now:' },
  revoke: { zh: '撤销', en: 'Revoke' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  lastUsed: { zh: '最近使用', en: 'Last used' },
  never: { zh: '从未', en: 'never' },
  copy: { zh: '复制', en: 'Copy' },
  officeOnly: { zh: '只有考评办（管理员）可以管理数据集。', en: 'Only the evaluation office (ADMIN) manages datasets.' },
  signIn: { zh: '登录后可查看数据集及其链接。', en: 'Sign in to see the datasets and their links.' },
  signInButton: { zh: '登录', en: 'Sign in' },
  failed: { zh: '数据集加载失败', en: 'Could not load the datasets' },
};

interface Draft {
  name: string;
  title: string;
  query: string;
}
const EMPTY_QUERY = 'query Indicators($attribute: IndicatorAttribute, $limit: Int = 1000) {\n  indicators(filter: { attribute: $attribute }, limit: $limit) {\n    items { seq name unit targetText responsibilities { role department { name } } }\n  }\n}\n';
const EMPTY: Draft = { name: '', title: '', query: EMPTY_QUERY };
const EMPTY_VARIABLES: Record<string, string> = { attribute: 'BINDING' };

function parseObject(text: string | null | undefined): Record<string, unknown> {
  try {
    const v = JSON.parse(text ?? '');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/**
 * 数据集: saved queries served as links (issue 16). The office writes the query in a GraphQL editor
 * that knows the hub's schema (./QueryEditor, loaded with this page only), gives the variables the
 * query declares their defaults in a typed form and the query's columns their headers in a table,
 * saves it and sees the first 100 rows as the JSON link gives them, copies the links, and creates or
 * revokes link tokens.
 */
export function DatasetsPage() {
  const { lang, t } = useI18n();
  const user = useSession();
  const office = user?.role === 'ADMIN';
  const [datasets, setDatasets] = useState<DatasetRow[]>([]);
  const [current, setCurrent] = useState<DatasetRow | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  /** The variables form's text, by variable name (what a link's parameter would say). */
  const [varText, setVarText] = useState<Record<string, string>>(EMPTY_VARIABLES);
  /** The labels as saved (or none, for a new dataset) and as typed in the table, by column path. */
  const [savedLabels, setSavedLabels] = useState<Record<string, string>>({});
  const [labelEdits, setLabelEdits] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  /** The refusals' messages (they stay until closed): closed by the save that gets through. */
  const refusalNotices = useRef<number[]>([]);
  const [rows, setRows] = useState<Record<string, unknown>[]>([]);
  const [tokens, setTokens] = useState<Awaited<ReturnType<typeof loadLinkTokens>>>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const schema = useHubSchema();

  // The variables and columns of the query as typed; while it does not parse, those of the last text that did.
  const lastGood = useRef<Analysis>({ variables: [], columns: [] });
  const analysis = useMemo(() => {
    const a = analyse(draft.query, schema);
    if (a) lastGood.current = a;
    return lastGood.current;
  }, [draft.query, schema]);
  const proposed = useMemo(() => defaultLabels(analysis.columns), [analysis.columns]);
  const labelOf = (path: string) => labelEdits[path] ?? savedLabels[path] ?? proposed[path] ?? '';

  const fail = useCallback((error: unknown) => {
    const p = toProblem(error);
    notify({ kind: 'error', title: t(T.failed), detail: `${p.code}: ${p.message}` });
  }, [t]);
  const reload = useCallback(() => loadDatasets().then(setDatasets).catch(fail), [fail]);
  // Datasets are listed to signed-in users; signed out, the page says so instead of a refusal.
  const signedIn = !!user;
  useEffect(() => {
    if (signedIn) void reload();
    else setDatasets([]);
  }, [reload, signedIn]);

  const open = useCallback(
    async (d: DatasetRow | null) => {
      setCurrent(d);
      setSecret(null);
      setRows([]);
      setRefusal(null);
      setDraft(d ? { name: d.name, title: d.title, query: d.query } : EMPTY);
      const specs = analyse(d?.query ?? EMPTY_QUERY, null)?.variables ?? [];
      const values: Record<string, unknown> = d ? parseObject(d.variables) : EMPTY_VARIABLES;
      setVarText(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toFormText(v, specs.find((s) => s.name === k))])));
      setSavedLabels(d ? (parseObject(d.columnLabels) as Record<string, string>) : {});
      setLabelEdits({});
      if (!d) return setTokens([]);
      await Promise.all([previewRows(d.name).then(setRows), office ? loadLinkTokens(d.name).then(setTokens) : Promise.resolve()]).catch(fail);
    },
    [fail, office],
  );

  const save = async () => {
    // The form's values as the variables' types; a wrong one is refused here, with its message on the input.
    const variables: Record<string, unknown> = {};
    for (const spec of analysis.variables) {
      const read = readVariable(varText[spec.name] ?? '', spec, lang);
      if ('error' in read) {
        refusalNotices.current.push(notify({ kind: 'error', title: t(T.badVariables), body: `$${spec.name}: ${read.error}` }));
        document.getElementById(`dataset-var-${spec.name}`)?.focus();
        return;
      }
      if (read.value !== undefined) variables[spec.name] = read.value;
    }
    const labels: Record<string, string> = {};
    for (const c of analysis.columns) {
      const label = labelOf(c.path).trim();
      if (label) labels[c.path] = label;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const input = { ...draft, variables: JSON.stringify(variables), columnLabels: Object.keys(labels).length ? JSON.stringify(labels) : '' };
      const saved = await saveDataset(input, current && current.name === draft.name ? current.version : null);
      refusalNotices.current.splice(0).forEach(dismiss);
      notify({ kind: 'success', title: `${t(T.saved)}: ${saved.name}` });
      await reload();
      await open(saved);
    } catch (error) {
      const r = toRefusal(error);
      setRefusal(r);
      refusalNotices.current.push(notify({ kind: 'error', title: t(r.words), detail: `${r.code}${r.reason ? ` · ${r.reason}` : ''}: ${r.message}` }));
    } finally {
      setBusy(false);
    }
  };

  const columns = useMemo<ColDef[]>(() => Object.keys(rows[0] ?? {}).map((k) => ({ field: k, headerName: k, resizable: true, sortable: true })), [rows]);
  const origin = typeof location === 'undefined' ? '' : location.origin;
  const link = (ext: string, token?: string) => `${origin}/datasets/${current?.name}.${ext}${token ? `?token=${token}` : ''}`;
  const copyText = (text: string) => void navigator.clipboard?.writeText(text).catch(() => undefined);

  if (user === null) {
    return (
      <div className="page datasets-page" data-testid="datasets-signed-out">
        <h1>{t(T.title)}</h1>
        <p className="muted">{t(T.intro)}</p>
        <p>{t(T.signIn)}</p>
        <button type="button" onClick={() => requestSignIn()}>
          {t(T.signInButton)}
        </button>
      </div>
    );
  }

  return (
    <div className="page datasets-page">
      <h1>{t(T.title)}</h1>
      <p className="muted">{t(T.intro)}</p>
      {!office && <p className="muted">{t(T.officeOnly)}</p>}
      <div style={{ display: 'flex', gap: '1.5rem', alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <section style={{ minWidth: '14rem' }}>
          <h2>{t(T.list)}</h2>
          {datasets.length === 0 && <p className="muted">{t(T.none)}</p>}
          <ul data-testid="dataset-list">
            {datasets.map((d) => (
              <li key={d.id}>
                <button type="button" className="link-button" onClick={() => void open(d)} data-testid={`dataset-${d.name}`}>
                  {d.title} <code>{d.name}</code>
                </button>
              </li>
            ))}
          </ul>
          {office && (
            <button type="button" onClick={() => void open(null)}>
              {t(T.new)}
            </button>
          )}
        </section>
        <section style={{ flex: 1, minWidth: '24rem' }}>
          <label className="form-label">
            {t(T.name)}
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="dataset-name" disabled={!office} />
          </label>
          <label className="form-label">
            {t(T.caption)}
            <input value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} data-testid="dataset-title" disabled={!office} />
          </label>
          <div className="form-label">
            <span>{t(T.query)}</span>
            <Suspense fallback={<div className="query-editor-loading">{t(T.loadingEditor)}</div>}>
              <QueryEditor value={draft.query} onChange={(query) => setDraft((d) => ({ ...d, query }))} schema={schema} readOnly={!office} label={t(T.query)} />
            </Suspense>
          </div>
          {refusal && (
            <div className="dataset-refusal" role="alert" data-testid="dataset-refusal">
              <strong>{t(T.refused)}</strong>: {t(refusal.words)}{' '}
              <code>
                {refusal.code}
                {refusal.reason ? ` · ${refusal.reason}` : ''}
              </code>
              <div className="muted">{refusal.message}</div>
            </div>
          )}
          <fieldset className="dataset-fieldset">
            <legend>{t(T.variables)}</legend>
            <VariablesForm specs={analysis.variables} values={varText} onChange={(name, text) => setVarText((v) => ({ ...v, [name]: text }))} disabled={!office} />
          </fieldset>
          <fieldset className="dataset-fieldset">
            <legend>{t(T.labels)}</legend>
            <ColumnLabels columns={analysis.columns} labelOf={labelOf} onChange={(path, label) => setLabelEdits((l) => ({ ...l, [path]: label }))} disabled={!office} />
          </fieldset>
          {office && (
            <div style={{ display: 'flex', gap: '0.5rem' }}>
              <button type="button" onClick={() => void save()} disabled={busy} data-testid="dataset-save">
                {t(T.save)}
              </button>
              {current && (
                <button type="button" onClick={() => void deleteDataset(current.name, current.version).then(reload).then(() => open(null)).catch(fail)}>
                  {t(T.remove)}
                </button>
              )}
            </div>
          )}
        </section>
      </div>
      {current && (
        <>
          <h2>{t(T.links)}</h2>
          <p>{t(T.withHeader)}</p>
          <ul data-testid="dataset-links">
            {['csv', 'json', 'xlsx'].map((ext) => (
              <li key={ext}>
                <code>{link(ext)}</code>{' '}
                <button type="button" onClick={() => copyText(link(ext))}>
                  {t(T.copy)}
                </button>
              </li>
            ))}
          </ul>
          {office && (
            <>
              <h2>{t(T.tokens)}</h2>
              <button type="button" onClick={() => void createLinkToken(current.name).then((s) => (setSecret(s), loadLinkTokens(current.name).then(setTokens))).catch(fail)} data-testid="dataset-new-token">
                {t(T.newToken)}
              </button>
              {secret && (
                <div data-testid="dataset-token-links">
                  <p>{t(T.shownOnce)}</p>
                  <p>{t(T.withToken)}</p>
                  <ul>
                    {['csv', 'json', 'xlsx'].map((ext) => (
                      <li key={ext}>
                        <code>{link(ext, secret)}</code>{' '}
                        <button type="button" onClick={() => copyText(link(ext, secret))}>
                          {t(T.copy)}
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <ul data-testid="dataset-tokens">
                {tokens.map((tok) => (
                  <li key={tok.id}>
                    #{tok.id} {tok.createdBy ?? ''} {formatDateTime(tok.createdAt, lang)} · {t(T.lastUsed)}: {tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, lang) : t(T.never)}{' '}
                    {tok.revokedAt ? (
                      <span className="muted">{t(T.revoked)}</span>
                    ) : (
                      <button type="button" onClick={() => void revokeLinkToken(tok.id).then(() => loadLinkTokens(current.name).then(setTokens)).catch(fail)}>
                        {t(T.revoke)}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2>{t(T.preview)}</h2>
          <div style={{ height: 400 }} data-testid="dataset-preview">
            <AgGridReact theme={gridTheme} rowData={rows} columnDefs={columns} localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN} />
          </div>
        </>
      )}
    </div>
  );
}
