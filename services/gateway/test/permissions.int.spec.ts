import { InProcessBroker, InProcessMessageBus } from '@elk/messaging';
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { Authenticated, GatewayInfrastructureModule, GatewayModule } from '../src';
import { ProblemFilter } from '../src/http/problem.filter';
import { FakeServices, JWT_SECRET } from './gateway.harness';

@Controller('api/v1/probe-catalog')
class CatalogProbeHttpController {
  @Post()
  @HttpCode(204)
  @Authenticated('catalog:write')
  edit(): void {}
}

let app: NestFastifyApplication;
let services: FakeServices;
let bus: InProcessMessageBus;

beforeAll(async () => {
  bus = new InProcessMessageBus({ broker: new InProcessBroker() });
  services = new FakeServices(bus);
  await services.serveAll();
  const logger = pino({ level: 'silent' });

  @Module({ imports: [GatewayModule.forRoot({ infrastructure: GatewayInfrastructureModule.forRoot({ bus, logger }), jwtSecret: JWT_SECRET })], controllers: [CatalogProbeHttpController] })
  class ProbeModule {}

  app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false, abortOnError: false });
  app.useGlobalFilters(new ProblemFilter(logger, 1024));
  await app.init();
});
afterAll(async () => {
  await app.close();
  await bus.close();
});

const edit = (token?: string) => app.inject({ method: 'POST', url: '/api/v1/probe-catalog', headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('a route that needs a permission', () => {
  it.each(['cashier', 'guest'] as const)('refuses a %s with 403 «Недостаточно прав»', async (role) => {
    const { token } = await services.signedIn(role);
    const response = await edit(token);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toEqual({ type: '/api/docs#problem-forbidden', title: 'Недостаточно прав', status: 403, detail: 'Недостаточно прав', code: 'FORBIDDEN' });
  });

  it.each(['owner', 'admin', 'manager'] as const)('lets a %s through', async (role) => {
    const { token } = await services.signedIn(role);
    expect((await edit(token)).statusCode).toBe(204);
  });

  it('asks who is calling before what they may do', async () => {
    expect((await edit()).statusCode).toBe(401);
  });
});
