/**
 * No Docker engine runs here, so the deployment files are checked by reading them: every service they
 * start exists and has a main.ts, every port is the one the service listens on, and every variable
 * they set is one the service reads (its config schema, or the logger's and the tracer's standard
 * variables), while every variable a service requires is set.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogEnv } from '@elk/catalog';
import { DevicesEnv } from '@elk/devices';
import { GatewayEnv } from '@elk/gateway';
import { IdentityEnv } from '@elk/identity';
import { NotificationsEnv } from '@elk/notifications';
import { OrganisationEnv } from '@elk/organisation';
import { SalesJournalEnv } from '@elk/sales-journal';
import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';

const ROOT = join(__dirname, '..');

/** Read by libs/service-kit's logger and libs/telemetry in every service. */
const COMMON_VARS = ['LOG_LEVEL', 'OTEL_EXPORTER_OTLP_ENDPOINT'];

/** The variable names of an env schema, and which of them have no default (must be set). */
function envVars(schema: z.ZodType): { all: string[]; required: string[] } {
  let current: any = schema;
  while (!current.shape) current = current.in ?? current.def?.in ?? current.def?.innerType ?? current.def?.schema;
  const shape = current.shape as Record<string, z.ZodType>;
  const required = Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success);
  return { all: [...Object.keys(shape), ...COMMON_VARS], required };
}

const SERVICES: Record<string, { env: z.ZodType; port?: number }> = {
  gateway: { env: GatewayEnv, port: 3000 },
  identity: { env: IdentityEnv },
  organisation: { env: OrganisationEnv },
  catalog: { env: CatalogEnv },
  devices: { env: DevicesEnv },
  'sales-journal': { env: SalesJournalEnv },
  notifications: { env: NotificationsEnv },
};

const readYaml = (file: string) => parseAllDocuments(readFileSync(join(ROOT, file), 'utf8'), { merge: true }).map((doc) => doc.toJS({ maxAliasCount: -1 }));

describe('deployment files', () => {
  it('lists the ELK services that exist, each with a main.ts and a run-script entry', () => {
    const runner = readFileSync(join(ROOT, 'scripts/run/service.cjs'), 'utf8');
    for (const name of Object.keys(SERVICES)) {
      expect(existsSync(join(ROOT, `services/${name}/src/main.ts`))).toBe(true);
      expect(runner).toContain(`'${name}'`);
    }
  });

  describe('docker-compose.yml', () => {
    const [compose] = readYaml('docker-compose.yml');
    const elkServices = Object.entries<any>(compose.services).filter(([, service]) => service.image === 'elk:latest');

    it('runs every ELK service and nothing the code does not have', () => {
      expect(elkServices.map(([name]) => name).sort()).toEqual(Object.keys(SERVICES).sort());
      for (const [name, service] of elkServices) expect(service.command).toEqual([name]);
      expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'nats']));
    });

    it('sets only variables each service reads, and every variable it requires', () => {
      for (const [name, service] of elkServices) {
        const vars = Object.keys(service.environment ?? {});
        const known = envVars(SERVICES[name]!.env);
        expect({ name, unknown: vars.filter((v) => !known.all.includes(v)) }).toEqual({ name, unknown: [] });
        expect({ name, missing: known.required.filter((v) => !vars.includes(v)) }).toEqual({ name, missing: [] });
      }
    });

    it('publishes the gateway on the port it listens on', () => {
      const gateway = compose.services.gateway;
      expect(gateway.ports).toEqual(['3000:3000']);
      expect(gateway.environment.PORT).toBe(String(SERVICES.gateway!.port));
    });

    it('gives NATS JetStream', () => {
      expect(readFileSync(join(ROOT, 'deploy/nats/nats.conf'), 'utf8')).toMatch(/jetstream\s*{/);
    });
  });

  describe('k8s manifests', () => {
    const files = readdirSync(join(ROOT, 'k8s')).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    const documents = files.flatMap((file) => readYaml(`k8s/${file}`));
    const configMap = documents.find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'elk-config');
    const secret = documents.find((d) => d.kind === 'Secret' && d.metadata.name === 'elk-secrets');
    const deployments = documents.filter((d) => d.kind === 'Deployment' && d.metadata.labels?.['part-of'] === 'elk');

    it('lists every manifest in the kustomization', () => {
      const [kustomization] = readYaml('k8s/kustomization.yaml');
      expect([...kustomization.resources].sort()).toEqual([...files].sort());
    });

    it('deploys every ELK service with its name as the argument', () => {
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual(Object.keys(SERVICES).sort());
      for (const deployment of deployments) {
        const [container] = deployment.spec.template.spec.containers;
        expect(container.args).toEqual([deployment.metadata.name]);
      }
    });

    it('hands each service only variables it reads, and every one it requires', () => {
      const shared = [...Object.keys(configMap.data), ...Object.keys(secret.stringData)];
      for (const deployment of deployments) {
        const name = deployment.metadata.name as string;
        const [container] = deployment.spec.template.spec.containers;
        const own = (container.env ?? []).map((e: { name: string }) => e.name);
        const known = envVars(SERVICES[name]!.env);
        // The shared ConfigMap and Secret go to every service: each key must be read by at least one.
        expect({ name, unknown: own.filter((v: string) => !known.all.includes(v)) }).toEqual({ name, unknown: [] });
        expect({ name, missing: known.required.filter((v) => ![...shared, ...own].includes(v)) }).toEqual({ name, missing: [] });
      }
      const everyKnown = Object.values(SERVICES).flatMap((s) => envVars(s.env).all);
      expect(shared.filter((v) => !everyKnown.includes(v))).toEqual([]);
    });

    it('keeps every service that reads a secret from starting with the Secret as shipped (example values)', () => {
      const shipped = { ...configMap.data, ...secret.stringData };
      const refusedBy = (name: string) => {
        const result = SERVICES[name]!.env.safeParse(shipped);
        return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
      };
      expect(Object.fromEntries(Object.keys(SERVICES).map((name) => [name, refusedBy(name)]))).toEqual({
        gateway: ['JWT_SECRET'],
        identity: ['JWT_SECRET'],
        organisation: ['ELK_SECRETS_KEY'],
        catalog: [],
        devices: ['ELK_SECRETS_KEY'],
        'sales-journal': [],
        notifications: [],
      });
    });

    it('probes the gateway on the routes it serves, on the port it listens on', () => {
      const gateway = deployments.find((d) => d.metadata.name === 'gateway');
      const [container] = gateway.spec.template.spec.containers;
      expect(container.ports[0].containerPort).toBe(SERVICES.gateway!.port);
      expect(container.readinessProbe.httpGet.path).toBe('/api/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/api/health');
    });
  });
});
