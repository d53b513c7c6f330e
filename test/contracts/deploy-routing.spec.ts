import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  byKind,
  COMPOSE_FILE,
  containerPort,
  DEPLOY,
  ingressMatches,
  type Json,
  K8S_BASE,
  k8sDocuments,
  loadYaml,
  named,
  NGINX_CONF,
  onPath,
  read,
  SERVICES,
  itWith,
} from './deploy.test-support';
import { checkWithRealNginx, gatewayOf, routingProblems } from './deploy-gateway.test-support';
import { documentedRoutes, routeKey, routingExpectations, samplePath } from './deploy-routes.test-support';

/*
 * The edge router sends every public route to the service that owns it, in compose and in
 * Kubernetes (the Ingress sends /api/v1 to it).
 */

describe('deployment', () => {
  const compose = loadYaml(COMPOSE_FILE);
  const base = k8sDocuments(K8S_BASE);

  describe('routing', () => {
    const conf = read(NGINX_CONF);
    const k8sServices = byKind(base, 'Service');

    it('sends every public route to the service that owns it, in compose and in Kubernetes', () => {
      expect(routingExpectations().length).toBeGreaterThan(20);
      expect(routingProblems(conf, compose, k8sServices)).toEqual([]);
    });

    it('lets through every body a service accepts: the default limit everywhere, an import route its own', () => {
      const gateway = gatewayOf(conf);
      expect(gateway.bodyLimit('/api/v1/complaints')).toBeGreaterThanOrEqual(64 * 1024);
      // classification's IMPORT_BODY_LIMIT_BYTES (services/classification/src/training)
      expect(gateway.bodyLimit('/api/v1/classification/training-examples')).toBeGreaterThanOrEqual(
        20 * 1024 ** 2,
      );
    });

    it('reports a route sent to the wrong service, a missing route and an unknown upstream', () => {
      const broken = conf
        .replace(/POST\s+intake;/, 'POST    analytics;')
        .replace(/\|resolve\)\$/, ')$')
        .replace('server sla:3000;', 'server sla-service:3000;');
      expect(routingProblems(broken, compose, k8sServices)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^POST \/api\/v1\/complaints \(contracts\/openapi.yaml.*\) goes to analytics, not intake$/,
          ),
          expect.stringMatching(
            /^POST \/api\/v1\/complaints\/\{\}\/resolve .* goes to analytics, not assignment$/,
          ),
          'upstream sla: sla-service is no compose service',
          'upstream sla: sla-service is no Kubernetes Service',
        ]),
      );
      expect(
        routingProblems(conf.replace('proxy_pass http://intake;', 'rewrite ^ /x;'), compose, k8sServices),
      ).toEqual([expect.stringContaining('"rewrite" is not modelled')]);
    });

    it('publishes the router on :8080 in compose with the routing file, after every service is ready', () => {
      const gateway = compose.services.gateway;
      expect(gatewayOf(conf).listen).toBe(8080);
      expect(gateway.ports).toEqual(['${GATEWAY_PORT:-8080}:8080']);
      expect(gateway.volumes).toContain('../gateway/nginx.conf:/etc/nginx/nginx.conf:ro');
      expect(Object.keys(gateway.depends_on).sort()).toEqual(SERVICES);
    });

    it('has the Kubernetes Ingress send every documented /api/v1 route to the gateway, which runs the routing file', () => {
      const rules = byKind(base, 'Ingress').flatMap((i) => i.spec.rules.flatMap((r: Json) => r.http.paths));
      for (const route of documentedRoutes().filter((r) => r.path.startsWith('/api/v1/'))) {
        const path = samplePath(route.path);
        const rule = rules
          .filter((r: Json) => ingressMatches(r, path))
          .sort((a: Json, b: Json) => b.path.length - a.path.length)[0];
        expect({ route: routeKey(route), backend: rule?.backend.service.name }).toEqual({
          route: routeKey(route),
          backend: 'gateway',
        });
      }
      const deployment = named(base, 'Deployment', 'gateway');
      const container = deployment.spec.template.spec.containers[0];
      const mount = container.volumeMounts.find((m: Json) => m.mountPath === '/etc/nginx/nginx.conf');
      const volume = deployment.spec.template.spec.volumes.find((v: Json) => v.name === mount?.name);
      expect(volume?.configMap?.name).toBe('gateway-routes');
      expect(mount.subPath).toBe('nginx.conf');
      const generator = loadYaml(join(DEPLOY, 'gateway', 'kustomization.yaml')).configMapGenerator;
      expect(generator).toEqual([{ name: 'gateway-routes', files: ['nginx.conf'] }]);
      expect(containerPort(container, 'http')).toBe(gatewayOf(conf).listen);
      const service = named(base, 'Service', 'gateway');
      expect(containerPort(container, service.spec.ports[0].targetPort)).toBe(gatewayOf(conf).listen);
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(gatewayOf(conf).route('GET', '/health/ready')).toEqual({ status: 200 });
    });

    itWith(
      onPath('nginx') ?? ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p)),
      'nginx is not installed here; the routing model above was checked instead',
      'routes as modelled when run by a real nginx',
      (nginx) => checkWithRealNginx(nginx, conf),
    );
  });
});
