import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';

const ROOT = join(__dirname, '..', '..');
const eslint = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/**
 * The workspace's configuration without type information, which the boundaries do not need: typed
 * linting builds the whole TypeScript program on every run, and parses only files a tsconfig includes.
 */
const untyped = [
  ['--parser-options', 'projectService:false'],
  ['--rule', JSON.stringify(tseslint.configs.disableTypeChecked.rules)],
].flat();

/**
 * Lints `source` as if it were the file at `path`, with the workspace's configuration. Fails on a
 * parsing error, which would otherwise read as "no boundary crossed".
 */
function boundaryErrors(path: string, source: string): string[] {
  const args = [eslint, ...untyped, '--format', 'json', '--stdin', '--stdin-filename', path];
  const run = spawnSync(process.execPath, args, { cwd: ROOT, input: source, encoding: 'utf8' });
  const [result] = JSON.parse(run.stdout) as Array<{
    messages: Array<{ ruleId: string | null; message: string; fatal?: boolean }>;
  }>;
  const fatal = result!.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${path} could not be linted: ${fatal.message}`);
  return result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', '.bin', 'nx'), 'show', 'projects'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
  });

  it('keeps domain code free of adapters, ports machinery and frameworks', () => {
    expect(
      boundaryErrors('libs/intake/domain/src/leak.ts', "export * from '@kesu/adapter-embedded';\n"),
    ).toEqual([expect.stringContaining('"type:domain" can only depend on libs tagged with "type:domain"')]);
    expect(
      boundaryErrors('libs/intake/domain/src/leak.ts', "export { Relay } from '@kesu/ports';\n"),
    ).toEqual([expect.stringContaining('"type:domain" can only depend on libs tagged with "type:domain"')]);
  });

  it('keeps one service out of another service’s code: only its published contracts may be imported', () => {
    const onlyContracts = (scope: string) =>
      `"scope:${scope}" can only depend on libs tagged with "scope:${scope}", "scope:shared", "type:contracts"`;
    expect(
      boundaryErrors('services/intake/src/leak.ts', "export * from '@kesu/analytics-domain';\n"),
    ).toEqual([expect.stringContaining(onlyContracts('intake'))]);
    expect(
      boundaryErrors('services/analytics/src/leak.ts', "export * from '@kesu/intake-domain';\n"),
    ).toEqual([expect.stringContaining(onlyContracts('analytics'))]);
    expect(
      boundaryErrors('libs/analytics/domain/src/leak.ts', "export * from '@kesu/classification-domain';\n"),
    ).toEqual([expect.stringContaining(onlyContracts('analytics'))]);
    expect(
      boundaryErrors('services/analytics/src/leak.ts', "export { IntakeModule } from '@kesu/intake';\n"),
    ).toEqual([expect.stringContaining('Imports of apps are forbidden')]);
  });

  it('keeps a contracts library free of any service’s domain', () => {
    expect(
      boundaryErrors(
        'libs/follow-up/contracts/src/leak.ts',
        "export * from '@kesu/classification-domain';\n",
      ),
    ).toEqual([expect.stringContaining('can only depend on libs tagged with')]);
    expect(
      boundaryErrors('libs/classification/contracts/src/leak.ts', "export * from '@kesu/platform';\n"),
    ).toEqual([
      expect.stringContaining(
        '"type:contracts" can only depend on libs tagged with "type:domain", "type:contracts"',
      ),
    ]);
  });

  it('lets the layers import what they are meant to', () => {
    expect(boundaryErrors('libs/ports/src/ok.ts', "export { fold } from '@kesu/kernel';\n")).toEqual([]);
    for (const contracts of ['intake', 'classification', 'follow-up'])
      expect(
        boundaryErrors('services/analytics/src/ok.ts', `export * from '@kesu/${contracts}-contracts';\n`),
      ).toEqual([]);
    expect(
      boundaryErrors('libs/classification/domain/src/ok.ts', "export * from '@kesu/intake-contracts';\n"),
    ).toEqual([]);
    expect(
      boundaryErrors('services/host/src/ok.ts', "export { IntakeModule } from '@kesu/intake';\n"),
    ).toEqual([]);
  });
});
