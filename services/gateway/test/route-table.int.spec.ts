import { InProcessBroker, InProcessMessageBus } from '@elk/messaging';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { z } from 'zod';
import { GatewayInfrastructureModule, GatewayModule } from '../src';
import { route } from '../src/routes/route';
import { API_ROUTES, checkRouteTable, collectRoutes, isCabinetRoute, type RegisteredRoute } from '../src/routes/route-table';
import { JWT_SECRET } from './gateway.harness';

/** What an engineer might add: a plain Nest route with no declaration. */
@Controller('api/v1/throwaway')
class ThrowawayHttpController {
  @Get()
  list(): string[] {
    return [];
  }
}

let app: NestFastifyApplication;
let bus: InProcessMessageBus;
let registered: RegisteredRoute[];

beforeAll(async () => {
  bus = new InProcessMessageBus({ broker: new InProcessBroker() });
  const infrastructure = GatewayInfrastructureModule.forRoot({ bus, logger: pino({ level: 'silent' }) });

  @Module({ imports: [GatewayModule.forRoot({ infrastructure, jwtSecret: JWT_SECRET })], controllers: [ThrowawayHttpController] })
  class GatewayWithAnUndeclaredRoute {}

  const adapter = new FastifyAdapter();
  registered = collectRoutes(adapter.getInstance());
  app = await NestFactory.create<NestFastifyApplication>(GatewayWithAnUndeclaredRoute, adapter, { logger: false, abortOnError: false });
  await app.init();
});
afterAll(async () => {
  await app.close();
  await bus.close();
});

describe('the route table check', () => {
  it('names a registered route that has no declaration', () => {
    expect(checkRouteTable(registered)).toEqual({ undeclared: ['GET /api/v1/throwaway'], unregistered: [] });
  });

  it('names a declaration that no route serves', () => {
    const forgotten = route({
      method: 'post',
      path: '/api/v1/forgotten/{id}',
      access: 'catalog:write',
      id: { description: 'Идентификатор', notFound: 'Не найдено' },
      body: z.object({}),
      response: { status: 204, description: 'Готово' },
      tag: 'catalog',
      summary: 'Забытый маршрут',
    });
    expect(checkRouteTable(registered, [...API_ROUTES, forgotten]).unregistered).toEqual(['POST /api/v1/forgotten/{id}']);
  });

  it('sees every declared route served by the gateway module', () => {
    expect(checkRouteTable(registered).unregistered).toEqual([]);
    expect(registered.filter(({ method }) => method === 'GET').length).toBeGreaterThan(25);
  });

  it('takes only the cabinet for routes that need no declaration', () => {
    for (const url of ['/', '/*', '/index.html', '/assets/app-1a2b.js', '/favicon.svg']) expect([url, isCabinetRoute(url)]).toEqual([url, true]);
    for (const url of ['/api/v1/report.csv', '/api/docs', '/pos/v1/sales', '/health']) expect([url, isCabinetRoute(url)]).toEqual([url, false]);
  });

  it("takes a HEAD route for Fastify's copy of a GET one only when the GET one is there", () => {
    const head = { method: 'HEAD', url: '/api/v1/probe' };
    expect(checkRouteTable([head], []).undeclared).toEqual(['HEAD /api/v1/probe']);
    expect(checkRouteTable([{ method: 'GET', url: '/api/v1/probe' }, head], []).undeclared).toEqual(['GET /api/v1/probe']);
  });
});
