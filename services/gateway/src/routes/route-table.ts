import type { FastifyInstance } from 'fastify';
import { AuthRoutes } from '../auth/auth.routes';
import { CategoryRoutes } from '../catalog/categories.routes';
import { ProductFileRoutes } from '../catalog/product-files.routes';
import { ProductRoutes } from '../catalog/products.routes';
import { UnitRoutes } from '../catalog/units.routes';
import { DevSmsRoutes } from '../dev/dev-sms.routes';
import { EmployeeRoutes } from '../employees/employees.routes';
import { EquipmentRoutes } from '../equipment/equipment.routes';
import { HealthRoutes } from '../health/health.routes';
import { JournalRoutes } from '../journals/journals.routes';
import { LegalEntityRoutes } from '../legal-entities/legal-entities.routes';
import { MeRoutes } from '../me/me.routes';
import { OpenApiRoutes } from '../openapi/openapi.routes';
import { SalesPointRoutes } from '../sales-points/sales-points.routes';
import { TerminalRoutes } from '../terminals/terminal.routes';
import { WorkplaceRoutes } from '../workplaces/workplaces.routes';
import { routeName, routerPath, type RouteDeclaration } from './route';

/** Every route of the gateway's API, in the order the OpenAPI document lists them. */
export const API_ROUTES: readonly RouteDeclaration[] = [
  AuthRoutes,
  MeRoutes,
  LegalEntityRoutes,
  SalesPointRoutes,
  EmployeeRoutes,
  WorkplaceRoutes,
  EquipmentRoutes,
  UnitRoutes,
  CategoryRoutes,
  ProductRoutes,
  ProductFileRoutes,
  JournalRoutes,
  TerminalRoutes,
  DevSmsRoutes,
  HealthRoutes,
  OpenApiRoutes,
].flatMap((routes) => Object.values<RouteDeclaration>(routes));

/** A route as Fastify registered it. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

/**
 * The only routes that are not the API's: the web cabinet's (services/gateway/src/web/web-cabinet.ts), that is its
 * built files (named with an extension, outside /api), `/` and the catch-all `/*` answering its client-side routes.
 */
export function isCabinetRoute(url: string): boolean {
  if (url === '/' || url === '/*') return true;
  return !url.startsWith('/api/') && /\.[^/]+$/.test(url);
}

/** Collects what `fastify` registers from now on; call it before any route is added. */
export function collectRoutes(fastify: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  fastify.addHook('onRoute', ({ method, url }) => {
    for (const one of [method].flat()) routes.push({ method: one, url });
  });
  return routes;
}

/** Gives the routes declared with `bodyLimitBytes` their limit (for every content type); call it before any route is added. */
export function applyBodyLimits(fastify: FastifyInstance, declared: readonly RouteDeclaration[] = API_ROUTES): void {
  const limits = new Map(declared.filter((route) => route.bodyLimitBytes).map((route) => [`${route.method.toUpperCase()} ${routerPath(route.path)}`, route.bodyLimitBytes!]));
  fastify.addHook('onRoute', (options) => {
    const limit = limits.get(`${[options.method].flat()[0]} ${options.url}`);
    if (limit) options.bodyLimit = limit;
  });
}

export interface RouteTableCheck {
  /** Registered API routes no declaration describes: they would be served undocumented and unwalked by the role matrix. */
  undeclared: string[];
  /** Declarations no route serves. */
  unregistered: string[];
}

/** Compares what Fastify registered with the declarations (a HEAD route next to a GET one is Fastify's own copy of it). */
export function checkRouteTable(registered: readonly RegisteredRoute[], declared: readonly RouteDeclaration[] = API_ROUTES): RouteTableCheck {
  const names = new Set(registered.filter(({ url }) => !isCabinetRoute(url)).map(({ method, url }) => `${method} ${url}`));
  const served = new Set([...names].filter((name) => !(name.startsWith('HEAD ') && names.has(name.replace(/^HEAD/, 'GET')))));
  const described = new Set(declared.map((declaration) => `${declaration.method.toUpperCase()} ${routerPath(declaration.path)}`));
  return {
    undeclared: [...served].filter((route) => !described.has(route)).sort(),
    unregistered: declared.filter((declaration) => !served.has(`${declaration.method.toUpperCase()} ${routerPath(declaration.path)}`)).map(routeName).sort(),
  };
}
