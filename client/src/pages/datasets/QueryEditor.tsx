import '../graphiqlWorkers';
import { useEffect, useRef, useState } from 'react';
import type { GraphQLSchema } from 'graphql';
import * as monaco from 'monaco-graphql/esm/monaco-editor.js';
import { initializeMode } from 'monaco-graphql/esm/lite.js';
import { useI18n } from '../../i18n';

/**
 * The dataset's query in Monaco with monaco-graphql, the editor and language service GraphiQL
 * (/graphiql) already ships: highlighting, completion of fields, arguments and enum values from
 * the hub's schema, errors underlined as one types (and listed under the editor), and prettify
 * (prettier, as GraphiQL does). This module is loaded only with the datasets page (React.lazy), so
 * Monaco (shared with GraphiQL's chunks) stays out of every other page.
 */
export interface QueryEditorProps {
  value: string;
  onChange(value: string): void;
  /** The hub's schema; null: syntax only (introspection off); undefined: still loading. */
  schema: GraphQLSchema | null | undefined;
  readOnly?: boolean;
  label: string;
}

interface Problem {
  line: number;
  column: number;
  message: string;
}

const SCHEMA_URI = 'planhub://schema.graphql';
const LINE = 19;
let api: ReturnType<typeof initializeMode> | null = null;
let models = 0;

/** The GraphQL mode, once per page (GraphiQL, when it was opened first, already started it: then it is reused). */
function graphqlMode() {
  api ??= initializeMode({
    // GraphiQL's settings (@graphiql/react constants), so that GraphiQL opened later in the tab finds what it set up itself.
    diagnosticSettings: { validateVariablesJSON: {}, jsonDiagnosticSettings: { validate: true, schemaValidation: 'error', allowComments: true, trailingCommas: 'ignore' } },
    completionSettings: { __experimental__fillLeafsOnComplete: false },
  });
  return api;
}

async function prettify(text: string): Promise<string> {
  const [prettier, { printers }, { parsers }] = await Promise.all([import('prettier/standalone'), import('prettier/plugins/graphql'), import('prettier/parser-graphql')]);
  return prettier.format(text, { parser: 'graphql', plugins: [{ printers }, { parsers }] });
}

export default function QueryEditor({ value, onChange, schema, readOnly, label }: QueryEditorProps) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const [problems, setProblems] = useState<Problem[]>([]);
  const [prettifyError, setPrettifyError] = useState<string | null>(null);

  useEffect(() => {
    graphqlMode();
    const model = monaco.editor.createModel(value, 'graphql', monaco.Uri.file(`/dataset-query-${++models}.graphql`));
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      tabSize: 2,
      fontSize: 14,
      lineHeight: LINE,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'none',
      stickyScroll: { enabled: false },
      overviewRulerLanes: 0,
      lineNumbersMinChars: 3,
      fixedOverflowWidgets: true,
      readOnly,
      ariaLabel: label,
    });
    editorRef.current = editor;
    const subs = [
      model.onDidChangeContent(() => changeRef.current(model.getValue())),
      monaco.editor.onDidChangeMarkers((uris) => {
        if (!uris.some((u) => u.toString() === model.uri.toString())) return;
        setProblems(monaco.editor.getModelMarkers({ resource: model.uri }).filter((m) => m.severity >= monaco.MarkerSeverity.Warning).map((m) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message })));
      }),
      // The editor grows with the query (12 to 36 lines), so a whole query is seen without scrolling.
      editor.onDidContentSizeChange((e) => {
        if (host.current) host.current.style.height = `${Math.min(Math.max(e.contentHeight + 8, 12 * LINE), 36 * LINE)}px`;
      }),
      editor.addAction({
        id: 'planhub.prettify',
        label: 'Prettify',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyP],
        run: () => void runPrettify(),
      }),
    ];
    return () => {
      subs.forEach((s) => s.dispose());
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // The editor is made once; value, readOnly and the schema reach it through the effects below.
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    // A dataset opened or a new one started: the page's text replaces the editor's (typing keeps them equal).
    if (model && model.getValue() !== value) model.setValue(value);
  }, [value]);

  useEffect(() => editorRef.current?.updateOptions({ readOnly }), [readOnly]);

  useEffect(() => {
    if (schema) graphqlMode().setSchemaConfig([{ uri: SCHEMA_URI, schema }]);
  }, [schema]);

  const runPrettify = async () => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || editor.getOption(monaco.editor.EditorOption.readOnly)) return;
    try {
      const pretty = await prettify(model.getValue());
      setPrettifyError(null);
      if (pretty === model.getValue()) return;
      // One edit, so Ctrl+Z undoes the prettify.
      editor.pushUndoStop();
      editor.executeEdits('prettify', [{ range: model.getFullModelRange(), text: pretty }]);
      editor.pushUndoStop();
    } catch (error) {
      setPrettifyError((error as Error).message.split('\n')[0]);
    }
  };

  return (
    <div className="query-editor">
      <div className="query-editor-bar">
        <span className="muted">
          {schema === undefined
            ? t({ zh: '正在读取接口结构…', en: 'Reading the schema…' })
            : schema === null
              ? t({ zh: '接口结构不可用：只检查语法，保存时由服务器检查字段', en: 'No schema available: syntax is checked here, fields when saving' })
              : t({ zh: 'Ctrl+空格 补全 · Shift+Ctrl+P 整理格式', en: 'Ctrl+Space completes · Shift+Ctrl+P prettifies' })}
        </span>
        {!readOnly && (
          <button type="button" onClick={() => void runPrettify()} data-testid="dataset-prettify">
            {t({ zh: '整理格式', en: 'Prettify' })}
          </button>
        )}
      </div>
      <div ref={host} className="query-editor-host" data-testid="dataset-query" />
      {(problems.length > 0 || prettifyError) && (
        <ul className="query-editor-problems" data-testid="dataset-query-problems" role="status">
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" className="link-button" onClick={() => (editorRef.current?.setPosition({ lineNumber: p.line, column: p.column }), editorRef.current?.revealLineInCenter(p.line), editorRef.current?.focus())}>
                {t({ zh: `第 ${p.line} 行第 ${p.column} 列`, en: `Line ${p.line}, column ${p.column}` })}
              </button>
              : {p.message}
            </li>
          ))}
          {prettifyError && <li>{t({ zh: '无法整理格式（查询有语法错误）：', en: 'Cannot prettify (the query has a syntax error): ' })}{prettifyError}</li>}
        </ul>
      )}
    </div>
  );
}
