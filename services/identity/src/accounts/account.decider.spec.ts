import { deciderSpec } from '@elk/testing';
import { accountDecider, wrongResetCodeError, type AccountEvent } from './account.decider';

const spec = deciderSpec(accountDecider);

const accountId = '7d1c7a3e-5b1f-4c0e-9a55-2f1f6f0c9b11';
const organisationId = '0b6c3f0e-8a8e-4f57-9d0a-4d8f2a1e7c22';
const at = (minutes: number) => new Date(Date.UTC(2025, 0, 15, 10, minutes)).toISOString();

const account = { accountId, organisationId, fullName: 'Иванов Иван', phone: '+79123456789', email: 'ivan@example.ru', role: 'owner' as const };
const registered: AccountEvent = { type: 'AccountRegistered', data: { ...account, passwordHash: 'hash-1', registeredAt: at(0) } };
const codeIssued: AccountEvent = { type: 'AccountPasswordResetCodeIssued', data: { accountId, codeHash: 'code-hash', issuedAt: at(1), expiresAt: at(11) } };
const rejected = (failedAttempts: number): AccountEvent => ({ type: 'AccountPasswordResetCodeRejected', data: { accountId, failedAttempts, rejectedAt: at(2) } });

const register = { type: 'RegisterAccount' as const, ...account, passwordHash: 'hash-1', registeredAt: at(0) };
const complete = (codeMatches: boolean, minute = 5) => ({ type: 'CompletePasswordReset' as const, codeMatches, newPasswordHash: 'hash-2', completedAt: at(minute) });

const employee = { ...account, fullName: 'Петрова Анна', phone: '+79120001122', email: null, role: 'cashier' as const };
const open = { type: 'OpenEmployeeAccount' as const, ...employee, openedAt: at(0) };
const opened: AccountEvent = { type: 'AccountRegistered', data: { ...employee, passwordHash: null, registeredAt: at(0) } };
const closed: AccountEvent = { type: 'AccountClosed', data: { accountId, closedAt: at(9) } };
const profile = { fullName: 'Петрова-Сидорова Анна', phone: employee.phone, email: 'anna@example.ru', role: 'manager' as const };
const changeProfile = { type: 'ChangeProfile' as const, fullName: profile.fullName, email: profile.email, role: profile.role, changedAt: at(4) };
const newPhone = '+79120003344';
const requestPhoneChange = { type: 'RequestPhoneChange' as const, phone: newPhone, codeHash: 'phone-code-hash', requestedAt: at(1) };
const phoneChangeRequested: AccountEvent = { type: 'AccountPhoneChangeRequested', data: { accountId, phone: newPhone, codeHash: 'phone-code-hash', requestedAt: at(1), expiresAt: at(11) } };
const phoneCodeRejected = (failedAttempts: number): AccountEvent => ({ type: 'AccountPhoneChangeCodeRejected', data: { accountId, failedAttempts, rejectedAt: at(2) } });
const confirmPhone = (codeMatches: boolean, minute = 5, phone = newPhone) => ({ type: 'ConfirmPhoneChange' as const, phone, codeMatches, confirmedAt: at(minute) });
const phoneChanged = (minute = 5): AccountEvent => ({ type: 'AccountProfileChanged', data: { accountId, fullName: employee.fullName, phone: newPhone, email: null, role: 'cashier', changedAt: at(minute) } });
const issuePin = { type: 'IssuePin' as const, pinHash: 'pin-hash-2', issuedAt: at(3) };
const pinIssued: AccountEvent = { type: 'AccountPinIssued', data: { accountId, pinHash: 'pin-hash-1', issuedAt: at(1) } };

const tryPin = (pinMatches: boolean, minute = 5) => ({ type: 'TryPin' as const, pinMatches, triedAt: at(minute) });
const pinRejected = (failedAttempts: number, minute = 4): AccountEvent => ({ type: 'AccountPinRejected', data: { accountId, failedAttempts, rejectedAt: at(minute) } });
const fourWrongPins = [1, 2, 3, 4].map(pinRejected);

const hoursLater = (hours: number) => new Date(Date.parse(at(0)) + hours * 60 * 60 * 1000).toISOString();
const issueInvitation = (tokenHash = 'token-hash-1', issuedAt = at(1)) => ({ type: 'IssueInvitation' as const, tokenHash, issuedAt });
const invitationIssued = (tokenHash = 'token-hash-1', issuedAt = at(1)): AccountEvent => ({
  type: 'AccountInvitationIssued',
  data: { accountId, tokenHash, issuedAt, expiresAt: new Date(Date.parse(issuedAt) + 24 * 60 * 60 * 1000).toISOString() },
});
const accept = (tokenMatches: boolean, acceptedAt = at(5)) => ({ type: 'AcceptInvitation' as const, tokenMatches, newPasswordHash: 'hash-2', acceptedAt });
const invitationAccepted = (acceptedAt = at(5)): AccountEvent => ({ type: 'AccountInvitationAccepted', data: { accountId, passwordHash: 'hash-2', acceptedAt } });

describe('account decider', () => {
  describe('RegisterAccount', () => {
    it('registers a new account with the password hash', () => {
      spec.given([]).when(register).then([registered]);
    });

    it('does nothing when the same account registers again (a retried command)', () => {
      spec.given([registered]).when({ ...register, passwordHash: 'another-salt', registeredAt: at(3) }).then([]);
    });

    it('refuses to register the same account id with other details', () => {
      spec.given([registered]).when({ ...register, phone: '+79990000000' }).thenThrows('RULE_VIOLATED');
    });

    it('refuses the id of a closed account', () => {
      spec.given([registered, closed]).when(register).thenThrows('RULE_VIOLATED');
    });
  });

  describe('OpenEmployeeAccount', () => {
    it('opens an account without a password', () => {
      spec.given([]).when(open).then([opened]);
    });

    it('does nothing when the same account is opened again (a retried command)', () => {
      spec.given([opened, pinIssued]).when({ ...open, openedAt: at(5) }).then([]);
    });

    it('refuses to open the same account id with other details', () => {
      spec.given([opened]).when({ ...open, role: 'admin' }).thenThrows('RULE_VIOLATED');
      spec.given([opened]).when({ ...open, organisationId: '5a0f9a52-3c2e-4d7b-8f0e-6d1b2c3a4e55' }).thenThrows('RULE_VIOLATED');
    });

    it('refuses to reopen a closed account', () => {
      const error = spec.given([opened, closed]).when(open).thenThrows('RULE_VIOLATED');
      expect(error.message).toBe('Учётная запись с этим идентификатором удалена');
    });
  });

  describe('ChangeProfile', () => {
    it('records the new name, email and role, keeping the login phone', () => {
      spec.given([opened]).when(changeProfile).then([{ type: 'AccountProfileChanged', data: { accountId, ...profile, changedAt: at(4) } }]);
    });

    it('records an email taken away', () => {
      const withoutEmail = { fullName: account.fullName, email: null, role: account.role };
      spec.given([registered]).when({ ...changeProfile, ...withoutEmail }).then([{ type: 'AccountProfileChanged', data: { accountId, ...withoutEmail, phone: account.phone, changedAt: at(4) } }]);
    });

    it('records nothing when nothing changed', () => {
      spec.given([opened]).when({ ...changeProfile, fullName: employee.fullName, email: employee.email, role: employee.role }).then([]);
      spec.given([opened, { type: 'AccountProfileChanged', data: { accountId, ...profile, changedAt: at(4) } }]).when({ ...changeProfile, changedAt: at(6) }).then([]);
    });

    it('refuses an account that does not exist or was closed', () => {
      spec.given([]).when(changeProfile).thenThrows('NOT_FOUND');
      spec.given([opened, closed]).when(changeProfile).thenThrows('NOT_FOUND');
    });
  });

  describe('RequestPhoneChange', () => {
    it('keeps the new phone pending with the hash of the code sent to it, for 10 minutes', () => {
      spec.given([opened]).when(requestPhoneChange).then([phoneChangeRequested]);
    });

    it('records nothing for the phone the account already has', () => {
      spec.given([opened]).when({ ...requestPhoneChange, phone: employee.phone }).then([]);
    });

    it('refuses an account that does not exist or was closed', () => {
      spec.given([opened, closed]).when(requestPhoneChange).thenThrows('NOT_FOUND');
    });
  });

  describe('ConfirmPhoneChange', () => {
    it('makes the pending phone the login with the right code', () => {
      spec.given([opened, phoneChangeRequested]).when(confirmPhone(true)).then([phoneChanged()]);
    });

    it('records a wrong code with the count of wrong tries', () => {
      spec.given([opened, phoneChangeRequested, phoneCodeRejected(1)]).when(confirmPhone(false)).then([{ type: 'AccountPhoneChangeCodeRejected', data: { accountId, failedAttempts: 2, rejectedAt: at(5) } }]);
    });

    it('kills the code after 5 wrong tries, even for the right code', () => {
      const wrongTries = [1, 2, 3, 4, 5].map(phoneCodeRejected);
      spec.given([opened, phoneChangeRequested, ...wrongTries]).when(confirmPhone(true)).thenThrows('PHONE_CODE_EXHAUSTED');
    });

    it('refuses the code once 10 minutes have passed', () => {
      spec.given([opened, phoneChangeRequested]).when(confirmPhone(true, 11)).thenThrows('PHONE_CODE_EXPIRED');
    });

    it('uses a code once', () => {
      spec.given([opened, phoneChangeRequested, phoneChanged()]).when(confirmPhone(true, 6)).thenThrows('PHONE_CODE_INVALID');
    });

    it('refuses a code for another phone than the pending one, and when none is pending', () => {
      spec.given([opened, phoneChangeRequested]).when(confirmPhone(true, 5, '+79120009999')).thenThrows('PHONE_CODE_INVALID');
      const error = spec.given([opened]).when(confirmPhone(true)).thenThrows('PHONE_CODE_INVALID');
      expect(error.errors).toEqual([{ path: 'code', message: 'Код недействителен' }]);
    });

    it('takes the newest request only', () => {
      const newer: AccountEvent = { type: 'AccountPhoneChangeRequested', data: { accountId, phone: '+79120009999', codeHash: 'other-hash', requestedAt: at(3), expiresAt: at(13) } };
      spec.given([opened, phoneChangeRequested, newer]).when(confirmPhone(true)).thenThrows('PHONE_CODE_INVALID');
    });
  });

  describe('IssuePin', () => {
    it('records the first PIN-code', () => {
      spec.given([opened]).when({ ...issuePin, pinHash: 'pin-hash-1', issuedAt: at(1) }).then([pinIssued]);
    });

    it('replaces the PIN-code in force', () => {
      spec.given([opened, pinIssued]).when(issuePin).then([{ type: 'AccountPinIssued', data: { accountId, pinHash: 'pin-hash-2', issuedAt: at(3) } }]);
    });

    it('refuses an account that does not exist or was closed', () => {
      spec.given([]).when(issuePin).thenThrows('NOT_FOUND');
      spec.given([opened, pinIssued, closed]).when(issuePin).thenThrows('NOT_FOUND');
    });
  });

  describe('TryPin (log-in on a terminal)', () => {
    it('counts a wrong PIN-code', () => {
      spec.given([opened, pinIssued]).when(tryPin(false)).then([pinRejected(1, 5)]);
      spec.given([opened, pinIssued, ...fourWrongPins]).when(tryPin(false)).then([pinRejected(5, 5)]);
    });

    it('records nothing for the right PIN-code after no wrong ones', () => {
      spec.given([opened, pinIssued]).when(tryPin(true)).then([]);
    });

    it('starts the count again with the right PIN-code, so only wrong ones in a row lock', () => {
      spec.given([opened, pinIssued, ...fourWrongPins]).when(tryPin(true)).then([{ type: 'AccountPinAccepted', data: { accountId, acceptedAt: at(5) } }]);
      spec.given([opened, pinIssued, ...fourWrongPins, { type: 'AccountPinAccepted', data: { accountId, acceptedAt: at(4) } }]).when(tryPin(false)).then([pinRejected(1, 5)]);
    });

    it('locks the employee after 5 wrong PIN-codes in a row, the right one included, with a clear message', () => {
      const locked = [opened, pinIssued, ...fourWrongPins, pinRejected(5)];
      spec.given(locked).when(tryPin(false)).thenThrows('PIN_LOCKED');
      const error = spec.given(locked).when(tryPin(true)).thenThrows('PIN_LOCKED');
      expect(error.message).toBe('PIN-код введён неверно 5 раз подряд: вход на кассах заблокирован. Попросите администратора отправить вам новый PIN-код из личного кабинета');
    });

    it('unlocks with a new PIN-code sent from the cabinet', () => {
      spec.given([opened, pinIssued, ...fourWrongPins, pinRejected(5), { type: 'AccountPinIssued', data: { accountId, pinHash: 'pin-hash-2', issuedAt: at(6) } }]).when(tryPin(true, 7)).then([]);
    });

    it('answers an employee without a PIN-code, a closed account and an unknown one alike, as a wrong PIN-code', () => {
      expect(spec.given([opened]).when(tryPin(true)).thenThrows('PIN_INVALID').errors).toEqual([{ path: 'pin', message: 'Неверный сотрудник или PIN-код' }]);
      spec.given([opened, pinIssued, closed]).when(tryPin(true)).thenThrows('PIN_INVALID');
      spec.given([]).when(tryPin(true)).thenThrows('PIN_INVALID');
    });
  });

  describe('Close', () => {
    it('closes an account', () => {
      spec.given([opened, pinIssued]).when({ type: 'Close', closedAt: at(9) }).then([closed]);
    });

    it('does nothing when the account is closed already', () => {
      spec.given([opened, closed]).when({ type: 'Close', closedAt: at(10) }).then([]);
    });

    it('refuses an account that does not exist', () => {
      spec.given([]).when({ type: 'Close', closedAt: at(9) }).thenThrows('NOT_FOUND');
    });
  });

  describe('ChangePassword', () => {
    const change = (oldPasswordMatches: boolean) =>
      oldPasswordMatches
        ? { type: 'ChangePassword' as const, oldPasswordMatches, newPasswordHash: 'hash-2', changedAt: at(5) }
        : { type: 'ChangePassword' as const, oldPasswordMatches, changedAt: at(5) };

    it('sets the new password when the old one matches', () => {
      spec.given([registered]).when(change(true)).then([{ type: 'AccountPasswordChanged', data: { accountId, passwordHash: 'hash-2', changedAt: at(5) } }]);
    });

    it('refuses a wrong old password, naming the field', () => {
      const error = spec.given([registered]).when(change(false)).thenThrows('WRONG_PASSWORD');
      expect(error.errors).toEqual([{ path: 'oldPassword', message: 'Неверный текущий пароль' }]);
    });

    it('refuses an account that does not exist or was closed', () => {
      spec.given([]).when(change(true)).thenThrows('NOT_FOUND');
      spec.given([registered, closed]).when(change(true)).thenThrows('NOT_FOUND');
    });
  });

  describe('IssuePasswordResetCode', () => {
    it('issues a code that expires in 10 minutes', () => {
      spec.given([registered]).when({ type: 'IssuePasswordResetCode', codeHash: 'code-hash', issuedAt: at(1) }).then([codeIssued]);
    });

    it('issues a code to an employee who has no password yet (how they set their first one)', () => {
      spec.given([opened, pinIssued]).when({ type: 'IssuePasswordResetCode', codeHash: 'code-hash', issuedAt: at(1) }).then([codeIssued]);
    });

    it('refuses an account that does not exist or was closed', () => {
      spec.given([]).when({ type: 'IssuePasswordResetCode', codeHash: 'code-hash', issuedAt: at(1) }).thenThrows('NOT_FOUND');
      spec.given([registered, closed]).when({ type: 'IssuePasswordResetCode', codeHash: 'code-hash', issuedAt: at(1) }).thenThrows('NOT_FOUND');
    });
  });

  describe('CompletePasswordReset', () => {
    it('sets the new password with the right code', () => {
      spec.given([registered, codeIssued]).when(complete(true)).then([{ type: 'AccountPasswordResetCompleted', data: { accountId, passwordHash: 'hash-2', completedAt: at(5) } }]);
    });

    it('accepts the right code after a few wrong ones', () => {
      spec.given([registered, codeIssued, rejected(1), rejected(2), rejected(3), rejected(4)]).when(complete(true)).then([
        { type: 'AccountPasswordResetCompleted', data: { accountId, passwordHash: 'hash-2', completedAt: at(5) } },
      ]);
    });

    it('records a wrong code with the count of wrong tries', () => {
      spec.given([registered, codeIssued, rejected(1)]).when(complete(false)).then([{ type: 'AccountPasswordResetCodeRejected', data: { accountId, failedAttempts: 2, rejectedAt: at(5) } }]);
    });

    it('kills the code after 5 wrong tries, even for the right code', () => {
      const error = spec.given([registered, codeIssued, rejected(1), rejected(2), rejected(3), rejected(4), rejected(5)]).when(complete(true)).thenThrows('RESET_CODE_EXHAUSTED');
      expect(error.message).toBe('Превышено число попыток ввода кода. Запросите новый код');
    });

    it('refuses the code once 10 minutes have passed', () => {
      spec.given([registered, codeIssued]).when(complete(true, 11)).thenThrows('RESET_CODE_EXPIRED');
    });

    it('accepts the code a moment before it expires', () => {
      spec.given([registered, codeIssued]).when(complete(true, 10)).then([{ type: 'AccountPasswordResetCompleted', data: { accountId, passwordHash: 'hash-2', completedAt: at(10) } }]);
    });

    it('uses a code once', () => {
      spec.given([registered, codeIssued, { type: 'AccountPasswordResetCompleted', data: { accountId, passwordHash: 'hash-2', completedAt: at(5) } }]).when(complete(true, 6)).thenThrows('RESET_CODE_INVALID');
    });

    it('refuses when no code was issued', () => {
      spec.given([registered]).when(complete(true)).thenThrows('RESET_CODE_INVALID');
    });

    it('answers an unknown account like one without a code', () => {
      const error = spec.given([]).when(complete(true)).thenThrows('RESET_CODE_INVALID');
      expect(error.message).toBe('Код недействителен. Запросите новый код');
    });

    it('answers a closed account like an unknown one, even with a code issued before', () => {
      const error = spec.given([opened, codeIssued, closed]).when(complete(true)).thenThrows('RESET_CODE_INVALID');
      expect(error.message).toBe('Код недействителен. Запросите новый код');
    });

    it('sets the first password of an employee', () => {
      spec.given([opened, codeIssued]).when(complete(true)).then([{ type: 'AccountPasswordResetCompleted', data: { accountId, passwordHash: 'hash-2', completedAt: at(5) } }]);
    });

    it('gives a new code a fresh count of tries', () => {
      spec.given([registered, codeIssued, rejected(1), rejected(2), rejected(3), rejected(4), rejected(5), { ...codeIssued, data: { ...codeIssued.data, codeHash: 'new-hash' } }])
        .when(complete(false))
        .then([{ type: 'AccountPasswordResetCodeRejected', data: { accountId, failedAttempts: 1, rejectedAt: at(5) } }]);
    });
  });

  describe('IssueInvitation', () => {
    it('issues an invitation that works for 24 hours', () => {
      spec.given([opened]).when(issueInvitation()).then([invitationIssued()]);
    });

    it('issues a new invitation, whose link replaces the one before', () => {
      spec.given([opened, invitationIssued()]).when(issueInvitation('token-hash-2', at(3))).then([invitationIssued('token-hash-2', at(3))]);
    });

    it('refuses an account that does not exist or was closed', () => {
      spec.given([]).when(issueInvitation()).thenThrows('NOT_FOUND');
      spec.given([opened, closed]).when(issueInvitation()).thenThrows('NOT_FOUND');
    });
  });

  describe('AcceptInvitation', () => {
    it('sets the first password of an employee with the link in force', () => {
      spec.given([opened, invitationIssued()]).when(accept(true)).then([invitationAccepted()]);
    });

    it('accepts the link a moment before 24 hours have passed, and refuses it after', () => {
      spec.given([opened, invitationIssued('token-hash-1', at(0))]).when(accept(true, hoursLater(24 - 1 / 60))).then([invitationAccepted(hoursLater(24 - 1 / 60))]);
      spec.given([opened, invitationIssued('token-hash-1', at(0))]).when(accept(true, hoursLater(24))).thenThrows('INVITATION_EXPIRED');
    });

    it('uses a link once', () => {
      spec.given([opened, invitationIssued(), invitationAccepted()]).when(accept(true, at(6))).thenThrows('INVITATION_USED');
    });

    it('refuses a link whose secret does not match: a mistyped one, or one replaced by a newer invitation', () => {
      spec.given([opened, invitationIssued(), invitationIssued('token-hash-2', at(3))]).when(accept(false)).thenThrows('INVITATION_INVALID');
    });

    it('refuses when no invitation was issued', () => {
      spec.given([opened]).when(accept(true)).thenThrows('INVITATION_INVALID');
    });

    it('answers an unknown or closed account like a link that does not work', () => {
      spec.given([]).when(accept(true)).thenThrows('INVITATION_INVALID');
      spec.given([opened, invitationIssued(), closed]).when(accept(true)).thenThrows('INVITATION_INVALID');
    });

    it('works again with a new invitation once the old one is used', () => {
      spec.given([opened, invitationIssued(), invitationAccepted(), invitationIssued('token-hash-2', at(7))]).when(accept(true, at(8))).then([invitationAccepted(at(8))]);
    });
  });

  describe('wrongResetCodeError', () => {
    it('tells how many tries are left', () => {
      expect(wrongResetCodeError(1)).toMatchObject({ code: 'RESET_CODE_INVALID', message: 'Неверный код. Осталось попыток: 4' });
      expect(wrongResetCodeError(4)).toMatchObject({ code: 'RESET_CODE_INVALID', message: 'Неверный код. Осталось попыток: 1' });
    });

    it('says the code is spent after the fifth wrong try', () => {
      expect(wrongResetCodeError(5)).toMatchObject({ code: 'RESET_CODE_EXHAUSTED', message: 'Неверный код. Попытки закончились — запросите новый код' });
    });
  });
});
