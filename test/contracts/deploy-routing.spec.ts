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
  ROOT,
  SAMPLE_ID,
  SERVICES,
  itWith,
} from './deploy.test-support';
import { gatewayOf, routingProblems } from './deploy-gateway.test-support';
import { checkWithRealNginx } from './deploy-nginx.test-support';
import { documentedRoutes, routeKey, routingExpectations, samplePath } from './deploy-routes.test-support';
import {
  CONSOLE_IN_IMAGE,
  consoleProblems,
  hostConsoleHeaders,
  type HostHeaders,
  PAGE_PATHS,
} from './deploy-console.test-support';

/*
 * The edge router sends every public route to the service that owns it, in compose and in
 * Kubernetes (the Ingress sends every path to it), and serves the web console from the Kesu image's
 * build as the host does in embedded mode.
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
      expect(Object.keys(gateway.depends_on).sort()).toEqual([...SERVICES, 'console-files'].sort());
    });

    it('has the Kubernetes Ingress send every documented /api/v1 route and the console to the gateway, which runs the routing file', () => {
      const rules = byKind(base, 'Ingress').flatMap((i) => i.spec.rules.flatMap((r: Json) => r.http.paths));
      const consolePaths = PAGE_PATHS.map((path) => ({ method: 'GET', path }));
      for (const route of [
        ...documentedRoutes().filter((r) => r.path.startsWith('/api/v1/')),
        ...consolePaths,
      ]) {
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

    describe('the web console, served by the router as the host serves it in embedded mode', () => {
      const CSP = "default-src 'self';script-src 'self'";
      let host: HostHeaders;
      beforeAll(async () => {
        host = await hostConsoleHeaders();
      });

      it("serves the files from the console folder with the host's headers: pages fall back to index.html, assets are immutable", () => {
        expect(host.page['content-security-policy']).toMatch(new RegExp(`^${CSP}`));
        expect(host.asset['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(consoleProblems(conf, host)).toEqual([]);
        const gateway = gatewayOf(conf);
        expect(gateway.route('GET', '/api/v1/nothing')).toEqual({ upstream: 'analytics' });
        expect(gateway.route('GET', '/health/live')).toEqual({ status: 200 });
      });

      it("reports a policy that drifted from the host's, a page without the fallback and an asset that falls back", () => {
        const drifted = conf.replace(`${CSP};`, "default-src 'self';script-src 'self' 'unsafe-eval';");
        expect(consoleProblems(drifted, host)).toEqual([
          expect.stringMatching(
            /^GET \/assets\/index-abc123.js: Content-Security-Policy is .*'unsafe-eval'.*, the host's /,
          ),
          expect.stringMatching(/^GET \/assets\/index-abc123.css: Content-Security-Policy is /),
        ]);
        const noFallback = conf.replace('try_files $uri /index.html;', 'try_files $uri =404;');
        expect(consoleProblems(noFallback, host)).toEqual(
          expect.arrayContaining([`GET /complaints/${SAMPLE_ID}: return 404, not file index.html`]),
        );
        const assetsFallBack = conf.replace(
          /(location \/assets\/ \{\s*try_files \$uri) @not-found;/,
          '$1 /index.html;',
        );
        expect(consoleProblems(assetsFallBack, host)).toEqual([
          'GET /assets/missing.js: file index.html, not return 404',
        ]);
        expect(consoleProblems(conf.replace('include /etc/nginx/mime.types;', ''), host)).toEqual([
          'the media types (/etc/nginx/mime.types) are not included',
        ]);
      });

      it('finds the built console in the Kesu image: Vite writes it, with its assets, where the image copies dist/services', () => {
        const vite = read(join(ROOT, 'services', 'console', 'vite.config.mts'));
        expect(vite).toContain("outDir: '../../dist/services/console'");
        expect(vite).not.toMatch(/assetsDir/);
        const dockerfile = read(join(DEPLOY, 'Dockerfile'));
        expect(dockerfile).toMatch(/^WORKDIR \/app$/m);
        expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist\/services \.\/dist\/services$/m);
        expect(CONSOLE_IN_IMAGE).toBe('/app/dist/services/console');
      });

      it('gets the files from the Kesu image in compose: a one-shot copy into a volume the router mounts read-only', () => {
        const copier = compose.services['console-files'];
        const intake = compose.services.intake;
        for (const key of ['image', 'build', 'read_only', 'tmpfs', 'cap_drop', 'security_opt']) {
          expect({ key, value: copier[key] }).toEqual({ key, value: intake[key] });
        }
        expect(copier.restart).toBe('no');
        const [volume, target] = copier.volumes[0].split(':');
        expect(copier.command.join(' ')).toContain(`cp -R ${CONSOLE_IN_IMAGE}/. ${target}/`);
        expect(compose.volumes).toHaveProperty([volume]);
        const gateway = compose.services.gateway;
        expect(gateway.volumes).toContain(`${volume}:${gatewayOf(conf).root}:ro`);
        expect(gateway.depends_on['console-files']).toEqual({ condition: 'service_completed_successfully' });
      });

      it('gets the files from the Kesu image in Kubernetes: an initContainer copies them into an emptyDir nginx mounts read-only', () => {
        const pod = named(base, 'Deployment', 'gateway').spec.template.spec;
        const init = pod.initContainers.find((c: Json) => c.name === 'console-files');
        expect(init.image).toBe(named(base, 'Deployment', 'intake').spec.template.spec.containers[0].image);
        const [copyMount] = init.volumeMounts;
        expect(init.command.join(' ')).toContain(`cp -R ${CONSOLE_IN_IMAGE}/. ${copyMount.mountPath}/`);
        expect(pod.volumes.find((v: Json) => v.name === copyMount.name)).toEqual({
          name: copyMount.name,
          emptyDir: {},
        });
        const nginx = pod.containers.find((c: Json) => c.name === 'nginx');
        expect(nginx.volumeMounts).toContainEqual({
          name: copyMount.name,
          mountPath: gatewayOf(conf).root,
          readOnly: true,
        });
      });
    });

    itWith(
      onPath('nginx') ?? ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p)),
      'nginx is not installed here; the routing model above was checked instead',
      'routes as modelled when run by a real nginx',
      (nginx) => checkWithRealNginx(nginx, conf),
    );
  });
});
