import { topicForCategory } from '@kesu/kernel';
import { deadLetterTopic } from '@kesu/ports';
import { join } from 'node:path';
import {
  COMPOSE_FILE,
  generatedLiterals,
  type Json,
  K8S_BASE,
  k8sDocuments,
  DEPLOY,
  loadYaml,
  named,
  read,
  ROOT,
  SERVICES,
  TOPICS_SCRIPT,
} from './deploy.test-support';

/*
 * The topic job (deploy/kafka/create-topics.sh) creates exactly the topics contracts/asyncapi.yaml
 * documents, with one partition count everywhere, from the same script in compose and Kubernetes.
 */

/** The topics create-topics.sh creates: each of TOPICS and its dead-letter topic. */
function scriptTopics(script: string): string[] {
  const list = /^TOPICS="([^"]*)"$/m.exec(script)?.[1];
  if (list === undefined) throw new Error('create-topics.sh: no TOPICS="..." line');
  return list
    .split(/\s+/)
    .filter((t) => t !== '')
    .flatMap((topic) => [topic, deadLetterTopic(topic)]);
}

function topicProblems(script: string, asyncapi: Json, catalog: Json): string[] {
  const created = scriptTopics(script);
  const documented = Object.values(asyncapi.channels as Record<string, Json>).map((c) => c.address as string);
  const problems: string[] = [];
  for (const topic of created) {
    if (!documented.includes(topic)) problems.push(`${topic} is created but not in asyncapi.yaml`);
  }
  for (const topic of documented) {
    if (!created.includes(topic)) problems.push(`${topic} is in asyncapi.yaml but not created`);
  }
  const categories = new Set((catalog.events as Array<{ service: string }>).map((entry) => entry.service));
  for (const category of categories) {
    const topic = topicForCategory(category);
    if (!created.includes(topic)) problems.push(`${topic} (catalog: ${category}) is not created`);
  }
  return problems;
}

describe('deployment', () => {
  const compose = loadYaml(COMPOSE_FILE);
  const base = k8sDocuments(K8S_BASE);
  const baseConfig = generatedLiterals(join(K8S_BASE, 'kustomization.yaml'), 'kesu-config');

  describe('topics', () => {
    const script = read(TOPICS_SCRIPT);
    const asyncapi = loadYaml(join(ROOT, 'contracts', 'asyncapi.yaml'));
    const catalog = JSON.parse(read(join(ROOT, 'contracts', 'events', 'catalog.json')));

    it('creates exactly the topics asyncapi.yaml documents, for every category of the catalog', () => {
      expect(scriptTopics(script)).toContain('complaints.intake.v1.dlq');
      expect(topicProblems(script, asyncapi, catalog)).toEqual([]);
    });

    it('reports a topic created but undocumented, and one documented but not created', () => {
      const broken = script.replace(
        /^TOPICS="([^"]*)"$/m,
        'TOPICS="complaints.reports.v1 complaints.classification.v1 complaints.followup.v1 complaints.assignment.v1 complaints.sla.v1 complaints.analytics.v1"',
      );
      expect(topicProblems(broken, asyncapi, catalog)).toEqual([
        'complaints.reports.v1 is created but not in asyncapi.yaml',
        'complaints.reports.v1.dlq is created but not in asyncapi.yaml',
        'complaints.intake.v1 is in asyncapi.yaml but not created',
        'complaints.intake.v1.dlq is in asyncapi.yaml but not created',
        'complaints.intake.v1 (catalog: intake) is not created',
      ]);
    });

    it('uses one partition count everywhere: compose, Kubernetes, the script and asyncapi.yaml', () => {
      const partitions = '6';
      expect(script).toContain('partitions="${KAFKA_PARTITIONS:-6}"');
      expect(baseConfig.KAFKA_PARTITIONS).toBe(partitions);
      for (const service of SERVICES) {
        expect(compose.services[service].environment.KAFKA_PARTITIONS).toBe('${KAFKA_PARTITIONS:-6}');
      }
      expect(compose.services['kafka-topics'].environment.KAFKA_PARTITIONS).toBe('${KAFKA_PARTITIONS:-6}');
      for (const channel of Object.values(asyncapi.channels as Record<string, Json>)) {
        expect({ topic: channel.address, partitions: channel.bindings.kafka.partitions }).toEqual({
          topic: channel.address,
          partitions: Number(partitions),
        });
      }
    });

    it('runs the same script in compose and in Kubernetes', () => {
      const job = compose.services['kafka-topics'];
      expect(job.volumes).toContain('../kafka/create-topics.sh:/opt/kesu/create-topics.sh:ro');
      expect(job.entrypoint).toEqual(['sh', '/opt/kesu/create-topics.sh']);
      expect(job.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
      expect(compose.services.kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
      const k8sJob = named(base, 'Job', 'kafka-topics');
      const container = k8sJob.spec.template.spec.containers[0];
      expect(container.command).toEqual(['sh', '/opt/kesu/create-topics.sh']);
      const volume = k8sJob.spec.template.spec.volumes.find((v: Json) => v.configMap);
      expect(volume.configMap.name).toBe('kafka-topics-script');
      expect(loadYaml(join(DEPLOY, 'kafka', 'kustomization.yaml')).configMapGenerator).toEqual([
        { name: 'kafka-topics-script', files: ['create-topics.sh'] },
      ]);
    });
  });
});
