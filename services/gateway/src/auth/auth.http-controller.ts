import { randomUUID } from 'node:crypto';
import { IdentitySubjects, InvitationAccepted, InvitationView, OrganisationSubjects, SignUpResponse, TokenPair, type AccessTokenResponse } from '@elk/contracts';
import { RemoteError } from '@elk/messaging';
import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ServiceBus } from '../bus/service-bus';
import { ClientIp, CorrelationId, CurrentActor, type SessionActor } from '../http/request-context';
import { Idempotency } from '../idempotency/idempotency.service';
import { Route, RouteInput, type InputOf } from '../routes/route';
import { AttemptThrottle } from '../throttle/attempt-throttle';
import { AuthRoutes } from './auth.routes';
import { clearRefreshCookie, handOutTokens, RefreshCookie } from './refresh-cookie';

@Controller()
export class AuthHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly throttle: AttemptThrottle,
    private readonly idempotency: Idempotency,
  ) {}

  @Route(AuthRoutes.signUp)
  async signUp(
    @RouteInput() { body, idempotencyKey }: InputOf<typeof AuthRoutes.signUp>,
    @ClientIp() ip: string,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignUpResponse> {
    await this.throttle.signUpAttempt(ip);
    // Only the creation is made idempotent: the ids are remembered, tokens never are. Every answer,
    // a replay too, logs in afresh with the credentials of the (identical) request.
    const ids = await this.idempotency.respond(reply, {
      scope: AuthRoutes.signUp.idempotencyScope!,
      key: idempotencyKey,
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

  @Route(AuthRoutes.login)
  async login(
    @RouteInput() { body }: InputOf<typeof AuthRoutes.login>,
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
  @Route(AuthRoutes.refresh)
  async refresh(@RefreshCookie() refreshToken: string, @CorrelationId() correlationId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenResponse> {
    try {
      return handOutTokens(reply, await this.bus.request(IdentitySubjects.RefreshSession, { refreshToken }, TokenPair, { correlationId }));
    } catch (error) {
      if (error instanceof RemoteError && error.code === 'SESSION_EXPIRED') clearRefreshCookie(reply);
      throw error;
    }
  }

  @Route(AuthRoutes.logout)
  async logout(@CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    clearRefreshCookie(reply);
    await this.bus.request(IdentitySubjects.Logout, { sessionId: actor.sessionId }, z.unknown(), { actor, correlationId });
  }

  /** Answers 202 whether or not the phone is registered, so that the answer does not tell. */
  @Route(AuthRoutes.requestPasswordReset)
  async requestPasswordReset(
    @RouteInput() { body }: InputOf<typeof AuthRoutes.requestPasswordReset>,
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

  @Route(AuthRoutes.confirmPasswordReset)
  async confirmPasswordReset(
    @RouteInput() { body }: InputOf<typeof AuthRoutes.confirmPasswordReset>,
    @ClientIp() ip: string,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    await this.throttle.passwordResetAttempt(ip);
    const { phone, code, newPassword } = body;
    await this.bus.request(IdentitySubjects.ConfirmPasswordReset, { phone, code, newPassword }, z.unknown(), { correlationId });
  }

  /** «Задайте пароль» opened from the invitation's SMS: whose it is, or why it no longer works. */
  @Route(AuthRoutes.checkInvitation)
  async checkInvitation(@RouteInput() { body }: InputOf<typeof AuthRoutes.checkInvitation>, @ClientIp() ip: string, @CorrelationId() correlationId: string): Promise<InvitationView> {
    await this.throttle.invitationLinkAttempt(ip);
    return this.bus.request(IdentitySubjects.CheckInvitation, { token: body.token }, InvitationView, { correlationId });
  }

  /** Sets the password with the invitation and logs in with it, as a sign-up does. */
  @Route(AuthRoutes.acceptInvitation)
  async acceptInvitation(
    @RouteInput() { body }: InputOf<typeof AuthRoutes.acceptInvitation>,
    @ClientIp() ip: string,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    await this.throttle.invitationLinkAttempt(ip);
    const { phone } = await this.bus.request(IdentitySubjects.AcceptInvitation, { token: body.token, newPassword: body.newPassword }, InvitationAccepted, { correlationId });
    const tokens = await this.bus.request(IdentitySubjects.Login, { login: phone, password: body.newPassword, ip }, TokenPair, { correlationId });
    return handOutTokens(reply, tokens);
  }
}
