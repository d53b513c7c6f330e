import { dirname, join, resolve } from 'node:path';
import {
  byKind,
  COMPOSE_FILE,
  CONSUMERS,
  containerPort,
  DEPLOY,
  generatedLiterals,
  type Json,
  K8S_BASE,
  k8sDocuments,
  loadYaml,
  named,
  read,
  ROOT,
  SERVICES,
} from './deploy.test-support';
import { platformRoutes } from './deploy-routes.test-support';

/*
 * Every service runs from the one image, in compose and in Kubernetes, probed on routes the platform
 * serves, with resources, a disruption budget, and no more replicas than partitions to consume.
 */

/** What is wrong with one service's Deployment, Service, budget and autoscaler. */
function deploymentProblems(service: string, documents: Json[], servedPaths: readonly string[]): string[] {
  const problems: string[] = [];
  const deployment = named(documents, 'Deployment', service);
  if (!deployment) return [`${service}: no Deployment`];
  const pod = deployment.spec.template;
  const container = pod.spec.containers.find((c: Json) => c.name === service) ?? pod.spec.containers[0];
  const env = Object.fromEntries((container.env ?? []).map((e: Json) => [e.name, e.value]));
  if (env.SERVICE !== service) problems.push(`${service}: container env SERVICE is ${env.SERVICE}`);
  if (container.image !== 'kesu' && !/\/kesu:/.test(container.image)) {
    problems.push(`${service}: image ${container.image} is not the Kesu image`);
  }
  const selector = deployment.spec.selector.matchLabels;
  if (!Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v)) {
    problems.push(`${service}: the selector does not select the pod template`);
  }
  for (const [probe, path] of [
    ['livenessProbe', '/health/live'],
    ['readinessProbe', '/health/ready'],
  ] as const) {
    const get = container[probe]?.httpGet;
    if (!get) problems.push(`${service}: no ${probe}`);
    else {
      if (!servedPaths.includes(get.path))
        problems.push(`${service}: ${probe} on ${get.path}, which no service serves`);
      if (get.path !== path) problems.push(`${service}: ${probe} on ${get.path}, expected ${path}`);
      if (containerPort(container, get.port) !== 3000)
        problems.push(`${service}: ${probe} not on port 3000 (PORT)`);
    }
  }
  const resources = container.resources ?? {};
  if (!resources.requests?.cpu || !resources.requests?.memory)
    problems.push(`${service}: no cpu/memory requests`);
  if (!resources.limits?.memory) problems.push(`${service}: no memory limit`);
  const security = container.securityContext ?? {};
  if (pod.spec.securityContext?.runAsNonRoot !== true) problems.push(`${service}: not runAsNonRoot`);
  if (security.allowPrivilegeEscalation !== false || security.readOnlyRootFilesystem !== true) {
    problems.push(`${service}: container securityContext is not locked down`);
  }
  const refs = (container.envFrom ?? []).map((e: Json) =>
    e.configMapRef ? `ConfigMap ${e.configMapRef.name}` : `Secret ${e.secretRef?.name}`,
  );
  if (!refs.includes('ConfigMap kesu-config') || !refs.includes('Secret kesu-connections')) {
    problems.push(`${service}: envFrom is ${refs.join(', ')}`);
  }
  const k8sService = named(documents, 'Service', service);
  if (!k8sService) problems.push(`${service}: no Service`);
  else {
    const selects = Object.entries(k8sService.spec.selector ?? {}).every(
      ([k, v]) => pod.metadata.labels?.[k] === v,
    );
    if (!selects) problems.push(`${service}: the Service selects other pods`);
    const port = k8sService.spec.ports.find((p: Json) => p.port === 3000);
    if (!port || containerPort(container, port.targetPort) !== 3000)
      problems.push(`${service}: Service port 3000`);
  }
  const budget = byKind(documents, 'PodDisruptionBudget').find((b) =>
    Object.entries(b.spec.selector.matchLabels).every(([k, v]) => pod.metadata.labels?.[k] === v),
  );
  if (!budget) problems.push(`${service}: no PodDisruptionBudget`);
  return problems;
}

/**
 * What is wrong with any container of the workloads (Deployments and Jobs, init containers too): each
 * runs as non-root under the runtime's seccomp profile, cannot escalate, has no capabilities and a
 * read-only root file system, and states its cpu and memory requests and its memory limit.
 */
function containerProblems(documents: Json[]): string[] {
  const problems: string[] = [];
  for (const workload of [...byKind(documents, 'Deployment'), ...byKind(documents, 'Job')]) {
    const pod = workload.spec.template.spec;
    const name = `${workload.kind} ${workload.metadata.name}`;
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${name}: not runAsNonRoot`);
    if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') {
      problems.push(`${name}: no RuntimeDefault seccomp profile`);
    }
    for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
      const where = `${name}, container ${container.name}`;
      const security = container.securityContext ?? {};
      if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: may escalate privileges`);
      if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: writable root file system`);
      if (!security.capabilities?.drop?.includes('ALL')) problems.push(`${where}: keeps capabilities`);
      const resources = container.resources ?? {};
      if (!resources.requests?.cpu || !resources.requests?.memory) {
        problems.push(`${where}: no cpu/memory requests`);
      }
      if (!resources.limits?.memory) problems.push(`${where}: no memory limit`);
    }
  }
  return problems;
}

function autoscalerProblems(service: string, documents: Json[], partitions: number): string[] {
  const hpa = byKind(documents, 'HorizontalPodAutoscaler').find(
    (h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === service,
  );
  if (!hpa) return [`${service}: no HorizontalPodAutoscaler`];
  const problems: string[] = [];
  if (hpa.spec.maxReplicas > partitions) {
    problems.push(
      `${service}: maxReplicas ${hpa.spec.maxReplicas} > KAFKA_PARTITIONS ${partitions} (idle consumers)`,
    );
  }
  if (!(hpa.spec.minReplicas >= 1 && hpa.spec.minReplicas <= hpa.spec.maxReplicas)) {
    problems.push(`${service}: minReplicas ${hpa.spec.minReplicas}`);
  }
  if (named(documents, 'Deployment', service)?.spec.replicas !== undefined) {
    problems.push(
      `${service}: the Deployment sets replicas, which every apply would reset under the autoscaler`,
    );
  }
  return problems;
}

describe('deployment', () => {
  const compose = loadYaml(COMPOSE_FILE);
  const base = k8sDocuments(K8S_BASE);
  const baseConfig = generatedLiterals(join(K8S_BASE, 'kustomization.yaml'), 'kesu-config');
  const platform = platformRoutes();
  const servedPaths = platform.routes.filter((r) => r.method === 'GET').map((r) => r.path);

  it('knows the services it deploys and the routes the platform serves', () => {
    expect(SERVICES).toEqual(['analytics', 'assignment', 'classification', 'follow-up', 'intake', 'sla']);
    expect(platform.problems).toEqual([]);
    expect(servedPaths).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/metrics']));
  });

  describe('every service', () => {
    const dockerfile = read(join(DEPLOY, 'Dockerfile'));

    it('has one image whose SERVICE selects the entrypoint and whose health check is the liveness route', () => {
      expect(dockerfile).toMatch(/^ARG SERVICE=host$/m);
      expect(dockerfile).toMatch(/SERVICE=\$\{SERVICE\}/);
      expect(dockerfile).toContain('dist/services/${SERVICE}/src/main.js');
      expect(dockerfile).toMatch(/^USER (?!0|root)\S+/m);
      expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
      const healthcheck = /^HEALTHCHECK[\s\S]*?\n(?=\S)/m.exec(dockerfile)?.[0] ?? '';
      expect(healthcheck).toContain('/health/live');
      expect(servedPaths).toContain('/health/live');
      expect(read(join(ROOT, 'scripts', 'build.mjs'))).toMatch(/'services',[\s\S]*'-d',\s*'dist'/);
    });

    it.each(SERVICES)('%s: main.ts runs it under its own name', (service) => {
      const main = read(join(ROOT, 'services', service, 'src', 'main.ts'));
      expect(main).toMatch(new RegExp(`runService\\(\\w+, \\{ service: '${service}' \\}\\)`));
    });

    it.each(SERVICES)(
      '%s: compose runs it from the one Dockerfile, distributed, probed for readiness',
      (service) => {
        const entry = compose.services[service];
        expect(entry).toBeDefined();
        expect(resolve(dirname(COMPOSE_FILE), entry.build.context, entry.build.dockerfile)).toBe(
          join(DEPLOY, 'Dockerfile'),
        );
        expect(entry.environment).toMatchObject({
          SERVICE: service,
          PORT: '3000',
          EVENT_STORE: 'eventstoredb',
          MESSAGE_LOG: 'kafka',
          DOCUMENT_STORE: 'mongodb',
          ESDB_URL: expect.stringMatching(/^kurrentdb:\/\/kurrentdb:2113/),
          KAFKA_BROKERS: 'kafka:9092',
          MONGO_URL: expect.stringMatching(/^mongodb:\/\/mongodb:27017\/.*replicaSet=rs0/),
          // follow-up's secrets come from the environment of `docker compose up` (empty: the demo's)
          FOLLOW_UP_SURVEY_KEY: '${FOLLOW_UP_SURVEY_KEY:-}',
          FOLLOW_UP_SMTP_URL: '${FOLLOW_UP_SMTP_URL:-}',
        });
        expect(entry.healthcheck.test.join(' ')).toContain('http://127.0.0.1:3000/health/ready');
        expect(entry.depends_on).toMatchObject({
          'kafka-topics': { condition: 'service_completed_successfully' },
          kurrentdb: { condition: 'service_healthy' },
          mongodb: { condition: 'service_healthy' },
        });
        expect(compose.services.gateway.depends_on[service]).toMatchObject({ condition: 'service_healthy' });
      },
    );

    it.each(SERVICES)(
      '%s: Kubernetes runs it with both probes on served routes, resources and a budget',
      (service) => {
        expect(deploymentProblems(service, base, servedPaths)).toEqual([]);
      },
    );

    it.each(CONSUMERS)('%s: consumes topics, so it autoscales no further than the partitions', (service) => {
      expect(autoscalerProblems(service, base, Number(baseConfig.KAFKA_PARTITIONS))).toEqual([]);
    });

    it('Kubernetes runs every container, init containers and the gateway included, locked down and with resources', () => {
      expect(named(base, 'Deployment', 'gateway').spec.template.spec.initContainers).toHaveLength(1);
      expect(containerProblems(base)).toEqual([]);
      const broken = structuredClone(base);
      const gateway = named(broken, 'Deployment', 'gateway').spec.template.spec;
      delete gateway.initContainers[0].securityContext;
      delete gateway.initContainers[0].resources.limits;
      delete named(broken, 'Job', 'kafka-topics').spec.template.spec.securityContext.seccompProfile;
      expect(containerProblems(broken)).toEqual([
        'Deployment gateway, container console-files: may escalate privileges',
        'Deployment gateway, container console-files: writable root file system',
        'Deployment gateway, container console-files: keeps capabilities',
        'Deployment gateway, container console-files: no memory limit',
        'Job kafka-topics: no RuntimeDefault seccomp profile',
      ]);
    });

    it('the Kubernetes checks report a broken Deployment', () => {
      const broken = structuredClone(base);
      const deployment = named(broken, 'Deployment', 'sla');
      const container = deployment.spec.template.spec.containers[0];
      container.readinessProbe.httpGet.path = '/healthz';
      delete container.livenessProbe;
      delete container.resources.requests;
      deployment.spec.replicas = 2;
      named(broken, 'HorizontalPodAutoscaler', 'sla').spec.maxReplicas = 12;
      expect(deploymentProblems('sla', broken, servedPaths)).toEqual([
        'sla: no livenessProbe',
        'sla: readinessProbe on /healthz, which no service serves',
        'sla: readinessProbe on /healthz, expected /health/ready',
        'sla: no cpu/memory requests',
      ]);
      expect(autoscalerProblems('sla', broken, 6)).toEqual([
        'sla: maxReplicas 12 > KAFKA_PARTITIONS 6 (idle consumers)',
        'sla: the Deployment sets replicas, which every apply would reset under the autoscaler',
      ]);
    });
  });
});
