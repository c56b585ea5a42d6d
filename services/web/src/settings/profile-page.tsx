import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { apiCall } from '../api/api-client';
import { endSession } from '../api/session';
import { formatPhone } from '../format-phone';
import { LOGIN_PATH } from '../routes';
import { useAccount } from '../shell/account-context';
import { usePageTitle } from '../shell/use-page-title';
import { useNarrowScreen } from '../shell/use-narrow-screen';
import { ChangePasswordModal } from './change-password-modal';
import { PageTitle } from '../shell/page-title';

/** Настройки → Личные данные: what the cabinet was registered with, the role, password and log-out. */
export function ProfilePage() {
  const { t } = useTranslation();
  const account = useAccount();
  usePageTitle(t('settings.profile'));
  const narrow = useNarrowScreen();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  const logout = async () => {
    setLoggingOut(true);
    try {
      await apiCall('/auth/logout', { method: 'POST' });
    } catch {
      // The local session ends anyway; an unreachable server must not keep anyone logged in.
    }
    endSession();
    void navigate(LOGIN_PATH, { replace: true });
  };

  return (
    <Card>
      <PageTitle style={{ marginBottom: 16 }}>{t('profile.title')}</PageTitle>
      <Descriptions
        column={1}
        bordered
        size="middle"
        layout={narrow ? 'vertical' : 'horizontal'}
        styles={{ label: { width: narrow ? undefined : 200 } }}
        items={[
          { key: 'phone', label: t('profile.phone'), children: formatPhone(account.phone) },
          { key: 'email', label: t('profile.email'), children: account.email ?? <Typography.Text type="secondary">{t('profile.emailNotSet')}</Typography.Text> },
          { key: 'fullName', label: t('profile.fullName'), children: account.fullName },
          { key: 'organisation', label: t('profile.organisation'), children: account.organisationName },
          { key: 'role', label: t('profile.role'), children: t(`roles.${account.role}`) },
        ]}
      />
      <Flex gap="middle" style={{ marginTop: 24 }}>
        <Button type="primary" onClick={() => setChangingPassword(true)}>
          {t('profile.changePassword')}
        </Button>
        <Button danger loading={loggingOut} onClick={() => void logout()}>
          {t('profile.logout')}
        </Button>
      </Flex>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Card>
  );
}
