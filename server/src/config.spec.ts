import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults: port 4000, embedded database under ./.data, demo data on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, databaseUrl: undefined, dataDir: path.resolve('./.data'), production: false, seedDemo: true });
  });

  it('no demo data with a DATABASE_URL unless asked, and never in production', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO=true is refused/);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT is invalid/],
    [{ PORT: '70000' }, /PORT is invalid/],
    [{ DATABASE_URL: 'mysql://h/db' }, /DATABASE_URL is invalid: must start with postgres/],
    [{ REDIS_URL: 'http://h' }, /REDIS_URL is invalid/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV is invalid/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN is invalid: must be at least 32 characters/],
    [{ METRICS_TOKEN: `${'a'.repeat(32)} b` }, /METRICS_TOKEN is invalid: must be a token without spaces/],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('never echoes a value that may carry a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@h/db' })).toThrow(/^(?!.*hunter2)/);
  });

  it('takes a METRICS_TOKEN for GET /metrics, and never echoes a bad one', () => {
    const token = 'f'.repeat(64);
    expect(loadConfig({ METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(() => loadConfig({ METRICS_TOKEN: 'secret-but-short' })).toThrow(/^(?!.*secret-but-short)/);
  });

  it('evidence on the filesystem under DATA_DIR by default, in S3 when S3_BUCKET is set', () => {
    expect(loadConfig({ DATA_DIR: '/srv/aduan' }).evidenceStorage).toEqual({ driver: 'local', dir: path.resolve('/srv/aduan/evidence') });
    expect(loadConfig({ S3_BUCKET: 'aduan-evidence', S3_ENDPOINT: 'http://minio:9000', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' }).evidenceStorage).toEqual({
      driver: 's3', bucket: 'aduan-evidence', endpoint: 'http://minio:9000', region: 'us-east-1', credentials: { accessKeyId: 'id', secretAccessKey: 'secret' }, dataDir: path.resolve('./.data'),
    });
    expect(loadConfig({ S3_BUCKET: 'aduan-evidence', S3_REGION: 'ap-southeast-3' }).evidenceStorage).toMatchObject({ driver: 's3', endpoint: undefined, region: 'ap-southeast-3', credentials: undefined });
  });

  it.each([
    [{ S3_BUCKET: 'Bad_Bucket' }, /^configuration: S3_BUCKET is invalid: must be a bucket name/],
    [{ S3_BUCKET: 'bucket', S3_ENDPOINT: 'ftp://h' }, /^configuration: S3_ENDPOINT is invalid/],
    [{ S3_BUCKET: 'bucket', S3_REGION: 'Jakarta 1' }, /^configuration: S3_REGION is invalid/],
    [{ S3_ENDPOINT: 'http://minio:9000' }, /^configuration: S3_BUCKET is missing: S3_ENDPOINT is set/],
    [{ S3_BUCKET: 'bucket', S3_ACCESS_KEY_ID: 'id' }, /^configuration: S3_SECRET_ACCESS_KEY is missing/],
    [{ S3_BUCKET: 'bucket', S3_SECRET_ACCESS_KEY: 'hunter2' }, /^configuration: S3_ACCESS_KEY_ID is missing(?!.*hunter2)/],
  ])('names the bad S3 variable: %o', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('a read replica beside DATABASE_URL, never without it', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_REPLICA_URL: 'postgres://r/db' }).databaseReplicaUrl).toBe('postgres://r/db');
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://r/db' })).toThrow(/DATABASE_REPLICA_URL needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_REPLICA_URL: 'mysql://u:s3cret@r/db' })).toThrow(/^configuration: DATABASE_REPLICA_URL is invalid: must start with postgres/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_REPLICA_URL: 'mysql://u:s3cret@r/db' })).not.toThrow(/s3cret/);
  });

  it('trusts no proxy by default: the socket address is the caller', () => {
    expect(loadConfig({}).trustedProxies).toBe(false);
    expect(loadConfig({ TRUSTED_PROXIES: '0' }).trustedProxies).toBe(false);
  });

  it('takes TRUSTED_PROXIES as a hop count, or addresses, CIDR ranges and named ranges', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '1' }).trustedProxies).toBe(1);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.10,2001:db8::/32 ,loopback' }).trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.10', '2001:db8::/32', 'loopback']);
    expect(loadConfig({ TRUSTED_PROXIES: '::ffff:10.0.0.1' }).trustedProxies).toEqual(['::ffff:10.0.0.1']);
  });

  it.each([
    ['true', /"true" is not an address/],
    ['*', /"\*" is not an address/],
    ['10.0.0.0/33', /"10.0.0.0\/33" is not an address/],
    ['2001:db8::/129', /is not an address/],
    ['10.0.0.1,', /"" is not an address/],
    ['10.0.0.0/8/1', /is not an address/],
    ['lb.internal', /"lb.internal" is not an address/],
    ['0.0.0.0/0', /trusts every address/],
    ['::/0', /trusts every address/],
    ['99', /more proxies than any path has/],
  ])('refuses TRUSTED_PROXIES=%s, naming the variable', (value, message) => {
    expect(() => loadConfig({ TRUSTED_PROXIES: value })).toThrow(/^configuration: TRUSTED_PROXIES is invalid: /);
    expect(() => loadConfig({ TRUSTED_PROXIES: value })).toThrow(message);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 4000, databaseUrl: undefined });
  });

  describe('notification transports (NOTIFY_*)', () => {
    const smtp = { NOTIFY_SMTP_URL: 'smtp://aduan:hunter2@mail.kemensos.go.id:587', NOTIFY_EMAIL_FROM: '"Aduan Bansos" <noreply@kemensos.go.id>' };
    const whatsapp = { NOTIFY_WHATSAPP_PHONE_NUMBER_ID: '106540352242922', NOTIFY_WHATSAPP_TOKEN: 'EAAGm0PX4ZCpsBAKZAZBsecrettoken' };
    const sms = { NOTIFY_SMS_API_URL: 'https://abc123.api.infobip.com', NOTIFY_SMS_API_KEY: 'k'.repeat(40), NOTIFY_SMS_SENDER: 'KEMENSOS' };

    it('none configured by default: no channel has a transport', () => {
      expect(loadConfig({}).notifications).toEqual({});
    });

    it('each channel from its variables; WhatsApp defaults to graph.facebook.com and v23.0', () => {
      expect(loadConfig({ ...smtp, ...whatsapp, ...sms }).notifications).toEqual({
        email: { url: smtp.NOTIFY_SMTP_URL, from: smtp.NOTIFY_EMAIL_FROM },
        whatsapp: { apiUrl: 'https://graph.facebook.com', apiVersion: 'v23.0', phoneNumberId: '106540352242922', accessToken: whatsapp.NOTIFY_WHATSAPP_TOKEN },
        sms: { apiUrl: sms.NOTIFY_SMS_API_URL, apiKey: sms.NOTIFY_SMS_API_KEY, sender: 'KEMENSOS' },
      });
      expect(loadConfig({ ...whatsapp, NOTIFY_WHATSAPP_API_URL: 'http://127.0.0.1:9000', NOTIFY_WHATSAPP_API_VERSION: 'v24.0' }).notifications.whatsapp).toMatchObject({
        apiUrl: 'http://127.0.0.1:9000',
        apiVersion: 'v24.0',
      });
      expect(loadConfig({ NOTIFY_SMTP_URL: 'smtps://mail.example.go.id', NOTIFY_EMAIL_FROM: 'noreply@example.go.id' }).notifications.email).toBeDefined();
    });

    it.each([
      [{ ...smtp, NOTIFY_SMTP_URL: 'http://mail.example.go.id' }, /^configuration: NOTIFY_SMTP_URL is invalid: must start with smtp:\/\/ or smtps:\/\//],
      [{ ...smtp, NOTIFY_SMTP_URL: 'mail.example.go.id:587' }, /^configuration: NOTIFY_SMTP_URL is invalid: must start with smtp:\/\/ or smtps:\/\//],
      [{ ...smtp, NOTIFY_SMTP_URL: 'mail server' }, /^configuration: NOTIFY_SMTP_URL is invalid: must be a URL/],
      [{ ...smtp, NOTIFY_EMAIL_FROM: 'Aduan Bansos' }, /^configuration: NOTIFY_EMAIL_FROM is invalid: must be an address/],
      [{ NOTIFY_SMTP_URL: smtp.NOTIFY_SMTP_URL }, /^configuration: NOTIFY_EMAIL_FROM is missing: NOTIFY_SMTP_URL is set, and e-mail notifications need both/],
      [{ NOTIFY_EMAIL_FROM: smtp.NOTIFY_EMAIL_FROM }, /^configuration: NOTIFY_SMTP_URL is missing/],
      [{ ...whatsapp, NOTIFY_WHATSAPP_PHONE_NUMBER_ID: '+6281234567890' }, /^configuration: NOTIFY_WHATSAPP_PHONE_NUMBER_ID is invalid: must be the business phone number's id/],
      [{ ...whatsapp, NOTIFY_WHATSAPP_TOKEN: 'short' }, /^configuration: NOTIFY_WHATSAPP_TOKEN is invalid/],
      [{ ...whatsapp, NOTIFY_WHATSAPP_API_VERSION: '23' }, /^configuration: NOTIFY_WHATSAPP_API_VERSION is invalid: must be a Graph API version such as v23.0/],
      [{ ...whatsapp, NOTIFY_WHATSAPP_API_URL: 'graph.facebook.com' }, /^configuration: NOTIFY_WHATSAPP_API_URL is invalid/],
      [{ NOTIFY_WHATSAPP_TOKEN: whatsapp.NOTIFY_WHATSAPP_TOKEN }, /^configuration: NOTIFY_WHATSAPP_PHONE_NUMBER_ID is missing: NOTIFY_WHATSAPP_TOKEN is set/],
      [{ NOTIFY_WHATSAPP_PHONE_NUMBER_ID: whatsapp.NOTIFY_WHATSAPP_PHONE_NUMBER_ID }, /^configuration: NOTIFY_WHATSAPP_TOKEN is missing/],
      [{ ...sms, NOTIFY_SMS_SENDER: 'KEMENSOS RI BANSOS' }, /^configuration: NOTIFY_SMS_SENDER is invalid: must be the registered sender ID/],
      [{ ...sms, NOTIFY_SMS_API_URL: 'ftp://abc123.api.infobip.com' }, /^configuration: NOTIFY_SMS_API_URL is invalid/],
      [{ ...sms, NOTIFY_SMS_API_KEY: 'has spaces in it, oops' }, /^configuration: NOTIFY_SMS_API_KEY is invalid/],
      [{ NOTIFY_SMS_API_URL: sms.NOTIFY_SMS_API_URL, NOTIFY_SMS_SENDER: 'KEMENSOS' }, /^configuration: NOTIFY_SMS_API_KEY is missing: NOTIFY_SMS_API_URL and NOTIFY_SMS_SENDER are set, and SMS notifications need all three/],
      [{ ...whatsapp, NODE_ENV: 'production', NOTIFY_WHATSAPP_API_URL: 'http://graph.example' }, /^configuration: NOTIFY_WHATSAPP_API_URL is invalid: must start with https:\/\/ in production/],
      [{ ...sms, NODE_ENV: 'production', NOTIFY_SMS_API_URL: 'http://abc123.api.infobip.com' }, /^configuration: NOTIFY_SMS_API_URL is invalid: must start with https:\/\/ in production/],
    ])('names the bad or missing variable: %o', (env, message) => {
      expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
    });

    it('never echoes a password, token or key', () => {
      const secrets = ['hunter2', 'EAAGm0PX4ZCpsBAKZAZBsecret', 'has spaces in it'];
      for (const env of [
        { NOTIFY_SMTP_URL: 'smtp://aduan:hunter2@mail.example.go.id' },
        { ...smtp, NOTIFY_SMTP_URL: 'http://aduan:hunter2@mail.example.go.id' },
        { NOTIFY_WHATSAPP_TOKEN: whatsapp.NOTIFY_WHATSAPP_TOKEN },
        { ...whatsapp, NOTIFY_WHATSAPP_TOKEN: 'EAAGm0PX4ZCpsBAKZAZBsecret token' },
        { ...sms, NOTIFY_SMS_API_KEY: 'has spaces in it, oops' },
      ]) {
        expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(/^configuration: /);
        try {
          loadConfig(env as NodeJS.ProcessEnv);
        } catch (error) {
          for (const secret of secrets) expect((error as Error).message).not.toContain(secret);
        }
      }
    });
  });
});
