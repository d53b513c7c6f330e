import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import {
  byKind,
  type Json,
  named,
  NGINX_CONF,
  onPath,
  OVERLAY,
  read,
  ROOT,
  SERVICES,
  itWith,
  TOPICS_SCRIPT,
} from './deploy.test-support';

/*
 * The example overlay (deploy/k8s/overlays/example) renders into the resources of an installation,
 * when kubectl is installed.
 */

describe('deployment', () => {
  describe('kustomize overlay', () => {
    itWith(
      onPath('kubectl'),
      'kubectl is not on PATH; the base manifests were checked as files',
      'renders with `kubectl kustomize` into the resources of an installation',
      (kubectl) => {
        const run = spawnSync(kubectl, ['kustomize', OVERLAY], { cwd: ROOT, encoding: 'utf8' });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const parsed = parseAllDocuments(run.stdout);
        expect(parsed.flatMap((d) => d.errors)).toEqual([]);
        const documents: Json[] = parsed.map((d) => d.toJS());
        const count = (kind: string) => byKind(documents, kind).length;
        expect({
          Namespace: count('Namespace'),
          Deployment: count('Deployment'),
          HorizontalPodAutoscaler: count('HorizontalPodAutoscaler'),
          PodDisruptionBudget: count('PodDisruptionBudget'),
          Ingress: count('Ingress'),
          Job: count('Job'),
          Secret: count('Secret'),
          ServiceAccount: count('ServiceAccount'),
        }).toEqual({
          Namespace: 1,
          Deployment: SERVICES.length + 1,
          HorizontalPodAutoscaler: SERVICES.length,
          PodDisruptionBudget: SERVICES.length + 1,
          Ingress: 1,
          Job: 1,
          Secret: 1,
          ServiceAccount: 1,
        });
        expect(documents.filter((d) => d.kind !== 'Namespace' && d.metadata.namespace !== 'kesu')).toEqual(
          [],
        );

        // Generated names (with their content hash) are what the workloads refer to.
        const config = byKind(documents, 'ConfigMap').find((c) => c.metadata.name.startsWith('kesu-config-'));
        const routes = byKind(documents, 'ConfigMap').find((c) =>
          c.metadata.name.startsWith('gateway-routes-'),
        );
        const topics = byKind(documents, 'ConfigMap').find((c) =>
          c.metadata.name.startsWith('kafka-topics-script-'),
        );
        const secret = byKind(documents, 'Secret')[0];
        expect(routes.data['nginx.conf']).toBe(read(NGINX_CONF));
        expect(topics.data['create-topics.sh']).toBe(read(TOPICS_SCRIPT));
        for (const service of SERVICES) {
          const pod = named(documents, 'Deployment', service).spec.template.spec;
          expect(pod.containers[0].image).toMatch(/^registry\.example\.com\/kesu\/kesu:\d+\.\d+\.\d+$/);
          expect(pod.containers[0].envFrom).toEqual([
            { configMapRef: { name: config.metadata.name } },
            { secretRef: { name: secret.metadata.name } },
          ]);
        }
        const gatewayPod = named(documents, 'Deployment', 'gateway').spec.template.spec;
        expect(gatewayPod.volumes.find((v: Json) => v.configMap).configMap.name).toBe(routes.metadata.name);
        // The console's files come from the release's Kesu image, the one the services run.
        expect(gatewayPod.initContainers[0].image).toBe(
          named(documents, 'Deployment', 'intake').spec.template.spec.containers[0].image,
        );
        const jobPod = named(documents, 'Job', 'kafka-topics').spec.template.spec;
        expect(jobPod.volumes.find((v: Json) => v.configMap).configMap.name).toBe(topics.metadata.name);

        // Production settings, and every engine address names a Service of the installation.
        expect(config.data).toMatchObject({
          PROFILE: 'production',
          JWT_ISSUER: expect.stringMatching(/^https:\/\//),
          JWT_AUDIENCE: expect.any(String),
          JWT_JWKS_URL: expect.stringMatching(/^https:\/\//),
          KAFKA_PARTITIONS: '6',
        });
        const connections = Object.fromEntries(
          Object.entries(secret.data as Record<string, string>).map(([k, v]) => [
            k,
            Buffer.from(v, 'base64').toString(),
          ]),
        );
        // follow-up's secrets: production refuses to start without the survey key
        expect(connections.FOLLOW_UP_SURVEY_KEY!.length).toBeGreaterThanOrEqual(32);
        expect(connections.FOLLOW_UP_SMTP_URL).toMatch(/^smtps?:\/\//);
        expect(config.data.FOLLOW_UP_SURVEY_KEY).toBeUndefined();
        const hosts = [
          new URL(connections.ESDB_URL!).hostname,
          new URL(connections.MONGO_URL!).hostname,
          ...config.data.KAFKA_BROKERS.split(',').map((broker: string) => broker.split(':')[0]),
        ];
        for (const host of hosts) {
          expect({ host, type: named(documents, 'Service', host)?.spec.type }).toEqual({
            host,
            type: 'ExternalName',
          });
        }
        const ingress = byKind(documents, 'Ingress')[0];
        expect(ingress.spec.rules[0].host).toBe('kesu.example.com');
        expect(ingress.spec.tls).toHaveLength(1);
      },
    );
  });
});
