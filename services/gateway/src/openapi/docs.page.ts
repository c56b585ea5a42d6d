import { ERROR_STATUS, type ErrorCode } from '@elk/contracts';
import { PROBLEM_TITLES, problemType } from '../http/problem';
import type { OpenApiDocument } from './openapi.document';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const SCHEME_LABELS: Record<string, string> = { bearer: 'Bearer', refreshCookie: 'cookie токена обновления' };

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const pretty = (value: unknown) => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

/** The component name of the first schema `$ref` in `node`. */
function refIn(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return ref.replace('#/components/schemas/', '');
  for (const value of Object.values(node)) {
    const found = refIn(value);
    if (found) return found;
  }
  return undefined;
}

/**
 * The API docs as one self-contained page (no scripts, no CDN): each operation with its request and
 * responses, the schemas, and the error codes that problem `type`s link to.
 */
export function renderDocsPage(document: OpenApiDocument): string {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item?.[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
  const schemaLink = (content: unknown) => {
    const ref = refIn(content);
    return ref ? ` — <a href="#schema-${escape(ref)}">${escape(ref)}</a>` : '';
  };
  const sections = operations.map(({ path, method, operation }) => {
    const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
    const secured = schemes.length ? ` <span class="lock" title="Нужен токен">🔒 ${schemes.map((name) => SCHEME_LABELS[name] ?? escape(name)).join(', ')}</span>` : '';
    const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content : undefined;
    const bodySchema = refIn(body);
    const responses = Object.entries(operation.responses ?? {})
      .map(([status, response]) => `<li><b>${escape(status)}</b> ${escape(response.description ?? '')}${schemaLink(response.content)}</li>`)
      .join('');
    return `<section id="${escape(`${method}-${path}`)}">
  <h3><code class="method">${method.toUpperCase()}</code> <code>${escape(path)}</code>${secured}</h3>
  <p>${escape(operation.summary ?? '')}</p>${operation.description ? `<p>${escape(operation.description)}</p>` : ''}
  ${bodySchema ? `<details><summary>Тело запроса: ${escape(bodySchema)}</summary>${pretty(document.components?.schemas?.[bodySchema])}</details>` : ''}
  ${operation.parameters?.length ? `<details><summary>Параметры</summary>${pretty(operation.parameters)}</details>` : ''}
  <ul>${responses}</ul>
</section>`;
  });
  const schemas = Object.entries(document.components?.schemas ?? {})
    .map(([name, schema]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3>${pretty(schema)}</section>`)
    .join('\n');
  const problems = (Object.keys(ERROR_STATUS) as ErrorCode[])
    .map((code) => `<tr id="${escape(problemType(code).split('#')[1] ?? code)}"><td><code>${code}</code></td><td>${ERROR_STATUS[code]}</td><td>${escape(PROBLEM_TITLES[code])}</td></tr>`)
    .join('');

  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(document.info.title)}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 960px; margin: 2rem auto; padding: 0 1rem; color: #1f2329; }
  section { border-top: 1px solid #e5e6eb; padding: .5rem 0; }
  .method { background: #1677ff; color: #fff; padding: 0 .4rem; border-radius: 4px; }
  .lock { font-size: .8em; color: #8a6d00; }
  pre { background: #f5f6f7; padding: .75rem; overflow: auto; font-size: 13px; }
  table { border-collapse: collapse; } td { border-bottom: 1px solid #e5e6eb; padding: .25rem .75rem .25rem 0; }
</style>
</head>
<body>
<h1>${escape(document.info.title)}</h1>
<p>${escape(document.info.description ?? '')}</p>
<p>Машиночитаемая версия: <a href="/api/docs/openapi.json">/api/docs/openapi.json</a> (OpenAPI ${escape(document.openapi)}).</p>
<h2>Операции</h2>
${sections.join('\n')}
<h2 id="problems">Коды ошибок</h2>
<table><tr><th>code</th><th>HTTP</th><th>Значение</th></tr>${problems}</table>
<h2>Схемы</h2>
${schemas}
</body>
</html>`;
}
