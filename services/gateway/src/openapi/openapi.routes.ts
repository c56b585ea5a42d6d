import { z } from 'zod';
import { route } from '../routes/route';

const common = { method: 'get', access: 'public', tag: 'service', problems: 'none' } as const;

/** The API's own description: served by OpenApiHttpController. */
export const OpenApiRoutes = {
  document: route({
    ...common,
    path: '/api/docs/openapi.json',
    response: { status: 200, description: 'Документ OpenAPI', content: { 'application/json': z.record(z.string(), z.unknown()) } },
    summary: 'Этот документ (OpenAPI 3.1)',
  }),
  page: route({
    ...common,
    path: '/api/docs',
    response: { status: 200, description: 'HTML-страница', content: { 'text/html': z.string() } },
    summary: 'Документация API в виде страницы',
  }),
};
