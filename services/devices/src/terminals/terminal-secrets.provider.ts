/** The TerminalSecrets of the service, made from ELK_SECRETS_KEY by the module. */
export const TERMINAL_SECRETS = Symbol('TERMINAL_SECRETS');
