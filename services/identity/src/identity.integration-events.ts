import { AccountEvents, LoginEvents } from '@elk/contracts';
import { defineIntegrationEvents } from '@elk/service-kit';

/**
 * What identity publishes on `elk.evt.identity.<EventType>`. A public contract: fields are picked one by one, so
 * password, code, PIN-code and invitation hashes never leave the service. Reset codes, invitations, PIN-codes (the organisation service
 * records its own «PIN-код отправлен») and login-name claims are its inner workings and stay private
 * (publishing a type later is easy, withdrawing one breaks consumers).
 */
export const identityIntegrationEvents = defineIntegrationEvents({
  service: 'identity',
  streamPrefixes: ['account-', 'login-'],
  events: { ...AccountEvents, ...LoginEvents },
  publicData: {
    AccountRegistered: ({ accountId, organisationId, fullName, phone, email, role, registeredAt }) => ({ accountId, organisationId, fullName, phone, email, role, registeredAt }),
    AccountPasswordChanged: ({ accountId, changedAt }) => ({ accountId, changedAt }),
    AccountPasswordResetCompleted: ({ accountId, completedAt }) => ({ accountId, completedAt }),
    AccountProfileChanged: ({ accountId, fullName, phone, email, role, changedAt }) => ({ accountId, fullName, phone, email, role, changedAt }),
    AccountInvitationAccepted: ({ accountId, acceptedAt }) => ({ accountId, acceptedAt }),
    AccountClosed: ({ accountId, closedAt }) => ({ accountId, closedAt }),
    AccountPinIssued: null,
    AccountPinRejected: null,
    AccountPinAccepted: null,
    AccountInvitationIssued: null,
    AccountPasswordResetCodeIssued: null,
    AccountPasswordResetCodeRejected: null,
    AccountPhoneChangeRequested: null,
    AccountPhoneChangeCodeRejected: null,
    LoginClaimed: null,
    LoginReleased: null,
  },
});
