import { ROLE_LABELS_RU } from '@elk/contracts';

/** Russian texts of the cabinet: the primary language and the shape every other language follows. */
export const ru = {
  app: {
    name: 'Единый личный кабинет',
    shortName: 'ЕЛК',
  },
  common: {
    save: 'Сохранить',
    cancel: 'Отмена',
    passwordsDiffer: 'Пароли не совпадают',
    comingSoon: 'Раздел появится в следующих версиях',
  },
  menu: {
    catalog: 'Каталог',
    journals: 'Журналы',
    settings: 'Настройки',
  },
  settings: {
    profile: 'Личные данные',
    legalEntities: 'Юридические лица',
    salesPoints: 'Точки продаж',
    employees: 'Сотрудники',
    workplaces: 'Рабочие места',
    posEquipment: 'POS оборудование',
  },
  login: {
    title: 'Вход в личный кабинет',
    login: 'Телефон или email',
    password: 'Пароль',
    submit: 'Войти',
    restorePassword: 'Восстановить пароль',
    signUp: 'Зарегистрироваться',
  },
  signUp: {
    title: 'Регистрация',
    organisationName: 'Название организации',
    fullName: 'ФИО владельца',
    phone: 'Мобильный телефон',
    email: 'Email',
    password: 'Пароль',
    passwordRepeat: 'Пароль ещё раз',
    submit: 'Зарегистрироваться',
    haveAccount: 'Уже зарегистрированы?',
    login: 'Войти',
  },
  passwordReset: {
    title: 'Восстановление пароля',
    phone: 'Мобильный телефон',
    requestCode: 'Получить код',
    codeSent: 'Код отправлен в SMS на номер {{phone}}',
    changePhone: 'Изменить номер',
    code: 'Код из SMS',
    newPassword: 'Новый пароль',
    newPasswordRepeat: 'Новый пароль ещё раз',
    done: 'Пароль изменён. Войдите с новым паролем',
    backToLogin: 'Вернуться ко входу',
  },
  profile: {
    title: 'Личные данные',
    phone: 'Телефон',
    email: 'Email',
    fullName: 'ФИО',
    organisation: 'Организация',
    role: 'Роль',
    changePassword: 'Сменить пароль',
    logout: 'Выйти',
  },
  changePassword: {
    title: 'Смена пароля',
    oldPassword: 'Старый пароль',
    newPassword: 'Новый пароль',
    newPasswordRepeat: 'Новый пароль ещё раз',
    done: 'Пароль изменён',
  },
  roles: ROLE_LABELS_RU,
  errors: {
    network: 'Нет связи с сервером. Проверьте подключение и повторите попытку',
    unexpected: 'Что-то пошло не так. Повторите попытку позже',
    signInRequired: 'Войдите в личный кабинет',
    loadFailed: 'Не удалось загрузить данные',
    retry: 'Повторить',
  },
};

export type Messages = typeof ru;
