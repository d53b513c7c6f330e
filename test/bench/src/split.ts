import { config, errorMessage, progress, round, targets, tempDir, verdict } from './common';
import { Host } from './host';
import { classifiedAfterLoad, throughput } from './http-intake';
import { cannon } from './intake-load';

/**
 * Each service its own process, all on one data directory. Assignment starts first: it owns the
 * tenants' directories and publishes them to the others.
 */
const SERVICES = ['assignment', 'intake', 'classification', 'sla', 'follow-up', 'analytics'] as const;

/**
 * The HTTP intake scenario with the services split across processes on one data directory: intake's
 * maximum throughput (complaints POSTed to the intake process), then, once the classification
 * process has caught up, the lag from 201 until the analytics process's view shows the classification.
 */
export async function benchSplitIntake() {
  const dir = tempDir('split');
  const processes = new Map<string, Host>();
  try {
    for (const service of SERVICES) {
      progress(`split: starting ${service}`);
      processes.set(service, await Host.start(dir.path, service));
    }
    const intake = processes.get('intake')!;
    const views = processes.get('analytics')!;
    const token = await intake.tokenOnceKnown('agent1');
    await views.tokenOnceKnown('agent1');
    const at = { intake: intake.url, views: views.url, classifier: processes.get('classification')!.url };
    progress(`split: max throughput, ${config.httpConnections} connections for ${config.httpSeconds} s`);
    const max = await cannon(intake.url, token, { connections: config.httpConnections });
    const intakeToClassified = await classifiedAfterLoad(at, token);
    return {
      process: `one process per service (${SERVICES.join(', ')}) on one data directory`,
      maxThroughput: {
        connections: config.httpConnections,
        ...throughput(max),
        ...verdict(round(max.requests.average, 0), targets.intakePerSecond),
      },
      intakeToClassified,
    };
  } catch (error) {
    const logs = [...processes].map(([name, p]) => `${name}: ${p.logs().slice(-400)}`).join('\n');
    return { skipped: `split intake failed: ${errorMessage(error)}`, logs };
  } finally {
    for (const service of [...SERVICES].reverse()) await processes.get(service)?.stop();
    dir.cleanup();
  }
}
