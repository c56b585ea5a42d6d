import { ConfigError } from '@elk/service-kit';
import { loadOrganisationConfig } from './organisation.config';

describe('organisation config', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('reads the secrets key as 32 bytes', () => {
    expect(loadOrganisationConfig({ ELK_SECRETS_KEY: key }).secretsKey).toEqual(Buffer.alloc(32, 7));
  });

  it.each([
    ['missing', undefined],
    ['too short', Buffer.alloc(16).toString('base64')],
    ['not base64', 'not a key at all!'],
  ])('refuses a secrets key that is %s, naming ELK_SECRETS_KEY', (_case, value) => {
    expect(() => loadOrganisationConfig({ ELK_SECRETS_KEY: value })).toThrow(ConfigError);
    expect(() => loadOrganisationConfig({ ELK_SECRETS_KEY: value })).toThrow(/ELK_SECRETS_KEY: must be base64 of 32 random bytes/);
  });

  it('refuses the example key of k8s/config.yaml, which decodes to «change-me-to-32-random-bytes-123»', () => {
    expect(() => loadOrganisationConfig({ ELK_SECRETS_KEY: 'Y2hhbmdlLW1lLXRvLTMyLXJhbmRvbS1ieXRlcy0xMjM=' })).toThrow(/ELK_SECRETS_KEY: это образец из примера конфигурации/);
  });
});
