import { ActivationRequest, ActivationResponse } from '@elk/contracts';
import { named, route } from '../routes/route';

const common = { tag: 'pos' } as const;

/** The terminal API /pos/v1 (POS apps): served by TerminalHttpController. */
export const TerminalRoutes = {
  activate: route({
    ...common,
    method: 'post',
    path: '/pos/v1/activation',
    access: 'public',
    body: named('ActivationRequest', ActivationRequest),
    throttled: true,
    response: { status: 200, description: 'Учётные данные устройства (показываются один раз) и где оно стоит', schema: named('ActivationResponse', ActivationResponse) },
    summary: 'Активировать терминал кодом из SMS',
    description:
      'Код активации — 8 символов из SMS (регистр, пробелы и дефис не важны). Неверный код с верным началом считается попыткой для того рабочего места: после 5 код перестаёт действовать. Повтор с тем же кодом и тем же серийным номером устройства возвращает те же учётные данные. Попытки с одного адреса ограничены (429 и Retry-After).',
  }),
};
