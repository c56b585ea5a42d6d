import type { Permission } from '@elk/auth';
import { IdentitySubjects, type Role } from '@elk/contracts';
import { BusTimeoutError, RemoteError } from '@elk/messaging';
import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyRequest } from 'fastify';
import type { ServiceBus } from '../bus/service-bus';
import { HttpProblem } from '../http/problem';
import type { AccessTokenVerifier } from './access-token.verifier';
import { Authenticated, SessionGuard } from './session.guard';

const ACCOUNT = '6f1c3f0e-4a53-4c39-9d0f-9f0a0f7c1a01';
const ORGANISATION = '0b7f2a8e-9c2d-4f35-8e51-2f6f5f0d9b02';

@Controller()
@Authenticated('journals:read')
class ProbeController {
  @Get() @Authenticated('catalog:write') editCatalog() {}
  @Get() readJournals() {}
}

@Controller()
class OpenController {
  @Get() @Authenticated() anyone() {}
}

function guardFor(currentRole: Role, reply: () => unknown = () => ({ sessionId: 's1', accountId: ACCOUNT, organisationId: ORGANISATION, role: currentRole })) {
  const tokens = { verify: async (token: string) => (token === 'good' ? { sub: ACCOUNT, org: ORGANISATION, role: 'owner' as Role, sid: 's1' } : null) };
  const asked: string[] = [];
  const bus = {
    request: async (subject: string, _payload: unknown, schema: { parse(value: unknown): unknown }) => {
      asked.push(subject);
      return schema.parse(reply());
    },
  };
  return { guard: new SessionGuard(tokens as unknown as AccessTokenVerifier, bus as unknown as ServiceBus, new Reflector()), asked };
}

function contextFor(controller: new () => object, method: string, authorization = 'Bearer good') {
  const request = { id: 'r1', headers: { authorization }, actor: null } as unknown as FastifyRequest;
  const handler = (controller.prototype as Record<string, unknown>)[method] as () => void;
  return { request, context: new ExecutionContextHost([request, {}], controller, handler) };
}

async function refusal(promise: Promise<unknown>): Promise<HttpProblem> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof HttpProblem)) throw new Error(`expected an HttpProblem, got ${String(error)}`);
  return error;
}

describe('SessionGuard and @Authenticated(permission)', () => {
  it.each<[Role, Permission, boolean]>([
    ['owner', 'catalog:write', true],
    ['manager', 'catalog:write', true],
    ['cashier', 'catalog:write', false],
    ['guest', 'catalog:write', false],
  ])('a %s asking for %s is let through: %s', async (role, _, allowed) => {
    const { guard } = guardFor(role);
    const { context } = contextFor(ProbeController, 'editCatalog');
    if (allowed) await expect(guard.canActivate(context)).resolves.toBe(true);
    else expect(await refusal(guard.canActivate(context))).toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'Недостаточно прав' });
  });

  it('judges by the role identity holds now, not the one in the token', async () => {
    const { guard } = guardFor('guest');
    expect((await refusal(guard.canActivate(contextFor(ProbeController, 'editCatalog').context))).status).toBe(403);
  });

  it('applies the permission on the class to methods without their own', async () => {
    await expect(guardFor('cashier').guard.canActivate(contextFor(ProbeController, 'readJournals').context)).resolves.toBe(true);
    expect((await refusal(guardFor('guest').guard.canActivate(contextFor(ProbeController, 'readJournals').context))).status).toBe(403);
  });

  it('asks identity once when both the class and the method are guarded', async () => {
    const { guard, asked } = guardFor('manager');
    const { context } = contextFor(ProbeController, 'editCatalog');
    await guard.canActivate(context);
    await guard.canActivate(context);
    expect(asked).toHaveLength(1);
  });

  it('lets any live session through when no permission is named', async () => {
    const { guard } = guardFor('guest');
    const { request, context } = contextFor(OpenController, 'anyone');
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.actor).toEqual({ organisationId: ORGANISATION, accountId: ACCOUNT, role: 'guest', sessionId: 's1' });
  });

  it('checks the session with identity on every request', async () => {
    const { guard, asked } = guardFor('owner');
    await guard.canActivate(contextFor(OpenController, 'anyone').context);
    await guard.canActivate(contextFor(OpenController, 'anyone').context);
    expect(asked).toEqual([IdentitySubjects.AuthenticateSession, IdentitySubjects.AuthenticateSession]);
  });

  it('refuses before asking identity when the token does not verify', async () => {
    const { guard, asked } = guardFor('owner');
    expect(await refusal(guard.canActivate(contextFor(OpenController, 'anyone', 'Bearer forged').context))).toMatchObject({ code: 'SESSION_EXPIRED', status: 401 });
    expect(await refusal(guard.canActivate(contextFor(OpenController, 'anyone', '').context))).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(asked).toEqual([]);
  });

  it('refuses a session identity says has ended', async () => {
    const { guard } = guardFor('owner', () => {
      throw new RemoteError(IdentitySubjects.AuthenticateSession, 'SESSION_EXPIRED', 'ended');
    });
    expect(await refusal(guard.canActivate(contextFor(OpenController, 'anyone').context))).toMatchObject({ code: 'SESSION_EXPIRED', message: 'Сессия истекла, войдите снова' });
  });

  it.each([
    ['a bus timeout', new BusTimeoutError(IdentitySubjects.AuthenticateSession, 100)],
    ['an internal error of identity', new RemoteError(IdentitySubjects.AuthenticateSession, 'INTERNAL', 'Internal error')],
  ])('does not turn %s into a 401', async (_, failure) => {
    const { guard } = guardFor('owner', () => {
      throw failure;
    });
    await expect(guard.canActivate(contextFor(OpenController, 'anyone').context)).rejects.toBe(failure);
  });
});
