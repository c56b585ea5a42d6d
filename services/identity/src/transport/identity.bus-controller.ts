import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  AuthenticateSession,
  ChangePassword,
  CloseEmployeeAccount,
  ConfirmAccountPhone,
  ConfirmPasswordReset,
  FindLoginOwner,
  GetAccount,
  IdentitySubjects,
  IssueEmployeePin,
  Login,
  Logout,
  OpenEmployeeAccount,
  RefreshSession,
  RegisterAccount,
  RequestPasswordReset,
  UpdateEmployeeAccount,
} from '@elk/contracts';
import type { Closeable, MessageBus } from '@elk/messaging';
import { MESSAGE_BUS, actorIn, busHandler, serveBusHandlers } from '@elk/service-kit';
import { ChangePasswordHandler } from '../accounts/commands/change-password.handler';
import { CloseEmployeeAccountHandler } from '../accounts/commands/close-employee-account.handler';
import { ConfirmAccountPhoneHandler } from '../accounts/commands/confirm-account-phone.handler';
import { ConfirmPasswordResetHandler } from '../accounts/commands/confirm-password-reset.handler';
import { IssueEmployeePinHandler } from '../accounts/commands/issue-employee-pin.handler';
import { LoginHandler } from '../accounts/commands/login.handler';
import { OpenEmployeeAccountHandler } from '../accounts/commands/open-employee-account.handler';
import { RegisterAccountHandler } from '../accounts/commands/register-account.handler';
import { RequestPasswordResetHandler } from '../accounts/commands/request-password-reset.handler';
import { UpdateEmployeeAccountHandler } from '../accounts/commands/update-employee-account.handler';
import { GetAccountHandler } from '../accounts/queries/get-account.handler';
import { FindLoginOwnerHandler } from '../logins/queries/find-login-owner.handler';
import { LogoutHandler } from '../sessions/commands/logout.handler';
import { RefreshSessionHandler } from '../sessions/commands/refresh-session.handler';
import { AuthenticateSessionHandler } from '../sessions/queries/authenticate-session.handler';

export const IDENTITY_QUEUE = 'identity';

/** Serves every IdentitySubjects subject in the 'identity' queue group from bootstrap until shutdown. */
@Injectable()
export class IdentityBusController implements OnApplicationBootstrap, OnModuleDestroy {
  private serving?: Closeable;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly registerAccount: RegisterAccountHandler,
    private readonly login: LoginHandler,
    private readonly refreshSession: RefreshSessionHandler,
    private readonly logout: LogoutHandler,
    private readonly changePassword: ChangePasswordHandler,
    private readonly requestPasswordReset: RequestPasswordResetHandler,
    private readonly confirmPasswordReset: ConfirmPasswordResetHandler,
    private readonly openEmployeeAccount: OpenEmployeeAccountHandler,
    private readonly updateEmployeeAccount: UpdateEmployeeAccountHandler,
    private readonly confirmAccountPhone: ConfirmAccountPhoneHandler,
    private readonly issueEmployeePin: IssueEmployeePinHandler,
    private readonly closeEmployeeAccount: CloseEmployeeAccountHandler,
    private readonly authenticateSession: AuthenticateSessionHandler,
    private readonly getAccount: GetAccountHandler,
    private readonly findLoginOwner: FindLoginOwnerHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.serving = await serveBusHandlers(this.bus, IDENTITY_QUEUE, [
      busHandler({ subject: IdentitySubjects.RegisterAccount, schema: RegisterAccount, requiresActor: false, handle: (command, context) => this.registerAccount.execute(command, context) }),
      busHandler({ subject: IdentitySubjects.Login, schema: Login, requiresActor: false, handle: (command) => this.login.execute(command) }),
      busHandler({ subject: IdentitySubjects.RefreshSession, schema: RefreshSession, requiresActor: false, handle: (command) => this.refreshSession.execute(command) }),
      busHandler({ subject: IdentitySubjects.Logout, schema: Logout, requiresActor: true, handle: (command, context) => this.logout.execute(command, actorIn(context)) }),
      busHandler({
        subject: IdentitySubjects.ChangePassword,
        schema: ChangePassword,
        requiresActor: true,
        handle: (command, context) => this.changePassword.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: IdentitySubjects.RequestPasswordReset,
        schema: RequestPasswordReset,
        requiresActor: false,
        handle: (command, context) => this.requestPasswordReset.execute(command, context),
      }),
      busHandler({
        subject: IdentitySubjects.ConfirmPasswordReset,
        schema: ConfirmPasswordReset,
        requiresActor: false,
        handle: (command, context) => this.confirmPasswordReset.execute(command, context),
      }),
      busHandler({
        subject: IdentitySubjects.AuthenticateSession,
        schema: AuthenticateSession,
        requiresActor: false,
        handle: (query, context) => this.authenticateSession.execute(query, context.actor),
      }),
      busHandler({ subject: IdentitySubjects.GetAccount, schema: GetAccount, requiresActor: true, handle: (query, context) => this.getAccount.execute(query, actorIn(context)) }),
      busHandler({ subject: IdentitySubjects.FindLoginOwner, schema: FindLoginOwner, requiresActor: false, handle: (query) => this.findLoginOwner.execute(query) }),
      // Employee accounts: asked for by the organisation service, for the actor's organisation only.
      busHandler({
        subject: IdentitySubjects.OpenEmployeeAccount,
        schema: OpenEmployeeAccount,
        requiresActor: true,
        handle: (command, context) => this.openEmployeeAccount.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: IdentitySubjects.UpdateEmployeeAccount,
        schema: UpdateEmployeeAccount,
        requiresActor: true,
        handle: (command, context) => this.updateEmployeeAccount.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: IdentitySubjects.ConfirmAccountPhone,
        schema: ConfirmAccountPhone,
        requiresActor: true,
        handle: (command, context) => this.confirmAccountPhone.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: IdentitySubjects.IssueEmployeePin,
        schema: IssueEmployeePin,
        requiresActor: true,
        handle: (command, context) => this.issueEmployeePin.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: IdentitySubjects.CloseEmployeeAccount,
        schema: CloseEmployeeAccount,
        requiresActor: true,
        handle: (command, context) => this.closeEmployeeAccount.execute(command, actorIn(context), context),
      }),
    ]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.serving?.close();
  }
}
