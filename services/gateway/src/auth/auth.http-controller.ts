import { randomUUID } from 'node:crypto';
import {
  IdentitySubjects,
  LoginRequest,
  OrganisationSubjects,
  PasswordResetConfirm,
  PasswordResetRequest,
  SignUpRequest,
  SignUpResponse,
  TokenPair,
  type AccessTokenResponse,
} from '@elk/contracts';
import { RemoteError } from '@elk/messaging';
import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ServiceBus } from '../bus/service-bus';
import { ClientIp, CorrelationId, CurrentActor, type SessionActor } from '../http/request-context';
import { ValidBody, ValidHeaders } from '../http/zod-validation.pipe';
import { Idempotency, IdempotencyHeaders } from '../idempotency/idempotency.service';
import { AttemptThrottle } from '../throttle/attempt-throttle';
import { clearRefreshCookie, handOutTokens, RefreshCookie } from './refresh-cookie';
import { Authenticated } from './session.guard';

@Controller('api/v1/auth')
export class AuthHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly throttle: AttemptThrottle,
    private readonly idempotency: Idempotency,
  ) {}

  @Post('sign-up')
  @HttpCode(201)
  async signUp(
    @ValidBody(SignUpRequest) body: SignUpRequest,
    @ValidHeaders(IdempotencyHeaders) headers: IdempotencyHeaders,
    @ClientIp() ip: string,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignUpResponse> {
    await this.throttle.signUpAttempt(ip);
    // Only the creation is made idempotent: the ids are remembered, tokens never are. Every answer,
    // a replay too, logs in afresh with the credentials of the (identical) request.
    const ids = await this.idempotency.respond(reply, {
      scope: 'sign-up',
      key: headers['idempotency-key'],
      request: body,
      // The ids come from here so that a retried sign-up names the same organisation and account.
      seed: () => ({ organisationId: randomUUID(), accountId: randomUUID() }),
      run: async (ids) => {
        await this.bus.request(OrganisationSubjects.SignUp, { ...ids, ...body }, z.unknown(), { correlationId });
        return ids;
      },
    });
    const tokens = await this.bus.request(IdentitySubjects.Login, { login: body.phone, password: body.password, ip }, TokenPair, { correlationId });
    return { ...handOutTokens(reply, tokens), ...ids };
  }

  @Post('login')
  @HttpCode(200)
  async login(
    @ValidBody(LoginRequest) body: LoginRequest,
    @ClientIp() ip: string,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    const attempt = await this.throttle.loginAttempt(ip, body.login, correlationId);
    const tokens = await this.bus.request(IdentitySubjects.Login, { ...body, ip }, TokenPair, { correlationId });
    await attempt.succeeded();
    return handOutTokens(reply, tokens);
  }

  /** Renews the session from the refresh cookie; a session that cannot be renewed loses its cookie. */
  @Post('refresh')
  @HttpCode(200)
  async refresh(@RefreshCookie() refreshToken: string, @CorrelationId() correlationId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenResponse> {
    try {
      return handOutTokens(reply, await this.bus.request(IdentitySubjects.RefreshSession, { refreshToken }, TokenPair, { correlationId }));
    } catch (error) {
      if (error instanceof RemoteError && error.code === 'SESSION_EXPIRED') clearRefreshCookie(reply);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  async logout(@CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    clearRefreshCookie(reply);
    await this.bus.request(IdentitySubjects.Logout, { sessionId: actor.sessionId }, z.unknown(), { actor, correlationId });
  }

  /** Answers 202 whether or not the phone is registered, so that the answer does not tell. */
  @Post('password-reset/request')
  @HttpCode(202)
  async requestPasswordReset(
    @ValidBody(PasswordResetRequest) body: PasswordResetRequest,
    @ClientIp() ip: string,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    await this.throttle.passwordResetAttempt(ip, body.phone);
    try {
      await this.bus.request(IdentitySubjects.RequestPasswordReset, body, z.unknown(), { correlationId });
    } catch (error) {
      if (!(error instanceof RemoteError) || error.code === 'INTERNAL') throw error;
    }
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  async confirmPasswordReset(
    @ValidBody(PasswordResetConfirm) body: PasswordResetConfirm,
    @ClientIp() ip: string,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    await this.throttle.passwordResetAttempt(ip);
    const { phone, code, newPassword } = body;
    await this.bus.request(IdentitySubjects.ConfirmPasswordReset, { phone, code, newPassword }, z.unknown(), { correlationId });
  }
}
