/** Where a session starts: the manual's Настройки → Личные данные. */
export const HOME_PATH = '/settings/profile';
export const LOGIN_PATH = '/login';
export const SIGN_UP_PATH = '/sign-up';
export const PASSWORD_RESET_PATH = '/password-reset';
/** Where the SMS of «Пригласить в кабинет» leads: `/invitation#<token>`. */
export const INVITATION_PATH = '/invitation';
