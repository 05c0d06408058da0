import './graphiqlWorkers';
import { GraphiQL } from 'graphiql';
import type { Fetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import readme from '../../../README.md?raw';
import { useI18n } from '../i18n';

/** The README's example queries, each a tab: its sentence as a comment, a name for the tab. */
export function readmeExamples(text: string): { query: string }[] {
  const tabs: { query: string }[] = [];
  const blocks = /((?:^[^\n`][^\n]*\n)*)\n?```graphql\n([\s\S]*?)```/gm;
  for (const m of text.matchAll(blocks)) {
    const intro = m[1].replace(/\s+/g, ' ').trim().replace(/:$/, '');
    let body = m[2].trim();
    // The tab is named after the operation: the first field it asks for (department → Department).
    const field = /\{\s*(\w+)/.exec(body)?.[1] ?? `example${tabs.length + 1}`;
    const name = field[0].toUpperCase() + field.slice(1);
    if (body.startsWith('{')) body = `query ${name} ${body}`;
    else body = body.replace(/^(query|mutation)\s*\{/, `$1 ${name} {`);
    tabs.push({ query: `${intro ? `# ${intro}\n` : ''}${body}\n` });
  }
  return tabs;
}

const EXAMPLES = readmeExamples(readme);

/** Same-origin POSTs with the session cookie, as the admin UI sends them. */
const fetcher: Fetcher = async (params) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(params),
  });
  return res.json();
};

/**
 * /graphiql — GraphiQL, bundled with the hub (an intranet has no internet): the schema's docs
 * and the README's example queries as tabs. GET /graphql in a browser redirects here.
 */
export function GraphiQLPage() {
  const { t } = useI18n();
  return (
    <div className="graphiql-page">
      <p className="graphiql-note">
        <strong>{t({ zh: 'GraphQL 查询工具', en: 'GraphQL explorer' })}</strong>{' '}
        {t({
          zh: '示例查询（来自 README）在各个标签页中，按 ▶ 运行；左侧 Docs 列出全部类型和字段。接口地址：/graphql。',
          en: 'The README’s example queries are in the tabs; press ▶ to run one. Docs, on the left, lists every type and field. Endpoint: /graphql.',
        })}
      </p>
      <div className="graphiql-host">
        <GraphiQL fetcher={fetcher} defaultTabs={EXAMPLES} visiblePlugin="Documentation Explorer" defaultEditorToolsVisibility={false} />
      </div>
    </div>
  );
}
