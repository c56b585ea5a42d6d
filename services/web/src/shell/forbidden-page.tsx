import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HOME_PATH } from '../routes';
import { useAccount } from './account-context';

/** A page the role may not open (typed in, or a link from someone else): says so, rather than sending the user elsewhere. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  return (
    <Result
      status="403"
      title={t('errors.forbidden')}
      subTitle={t('errors.forbiddenText', { role: t(`roles.${role}`) })}
      extra={
        <Link to={HOME_PATH}>
          <Button type="primary">{t('errors.toHome')}</Button>
        </Link>
      }
    />
  );
}
