import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exampleMspWarning, projectWarnings, todoMarkers } from '../../../src/plan/markers.ts';
import { REPO, tempDir } from '../../helpers/cli.ts';

const EXAMPLE = join(REPO, 'plans', 'defaults.yaml');

/** A project folder holding plans/defaults.yaml with `text`, and the given client files. */
function project(defaults: string, clients: Record<string, string> = {}): string {
  const root = tempDir('irplan-markers-');
  mkdirSync(join(root, 'plans'), { recursive: true });
  writeFileSync(join(root, 'plans', 'defaults.yaml'), defaults);
  for (const [slug, text] of Object.entries(clients)) {
    mkdirSync(join(root, 'plans', slug), { recursive: true });
    writeFileSync(join(root, 'plans', slug, 'plan.yaml'), text);
  }
  return join(root, 'plans');
}

const OWN_MSP = `msp:
  name: Harbour Tech
  hotline: harbour-soc
contacts:
  - id: harbour-soc
    name: Harbour Tech SOC
    phones: [{ number: "+1 416 555 0199" }]
    email: soc@harbour.example
`;

describe('TODO markers', () => {
  test('each marker is a warning at its line and column, with what it asks for', () => {
    const plans = project(
      [
        'msp:',
        '  name: "TODO: your MSP\'s name"',
        '  # TODO: your logo, e.g.  logo: branding/logo.svg',
        '  color: "#112233"   # TODOS and todo are not markers',
        '# TODO',
      ].join('\n'),
    );
    const found = todoMarkers(join(plans, 'defaults.yaml'));
    expect(found.map((w) => [w.position.line, w.position.col, w.code, w.message])).toEqual([
      [2, 10, 'IRP_TODO', "still to fill in: your MSP's name"],
      [3, 5, 'IRP_TODO', 'still to fill in: your logo, e.g.  logo: branding/logo.svg'],
      [5, 3, 'IRP_TODO', 'a TODO marker is left here'],
    ]);
  });

  test("the repository's warnings: defaults first, then the named clients' files, none of other clients", () => {
    const plans = project(`${OWN_MSP}# TODO: verified date\n`, {
      acme: 'client: { name: Acme }\n# TODO: the insurer\n',
      other: '# TODO: not named\n',
    });
    writeFileSync(join(plans, 'acme', 'assets.yaml'), 'assets: [] # TODO: list the servers\n');
    const where = (slugs: string[] | null) =>
      projectWarnings(plans, slugs).map((w) => `${w.position.file.slice(plans.length + 1)}:${w.position.line}`);
    expect(where(['acme'])).toEqual(['defaults.yaml:9', 'acme/plan.yaml:2', 'acme/assets.yaml:1']);
    expect(where([])).toEqual(['defaults.yaml:9', 'acme/plan.yaml:2', 'acme/assets.yaml:1', 'other/plan.yaml:1']);
    // A shard's build leaves the clients to validate; a name that is no client's folder is not read.
    expect(where(null)).toEqual(['defaults.yaml:9']);
    expect(where(['../acme', 'missing'])).toEqual(['defaults.yaml:9']);
  });
});

describe('the example MSP', () => {
  test('a defaults.yaml copied from the shipped example is named, at its first example value', () => {
    const plans = project(readFileSync(EXAMPLE, 'utf8'));
    const w = exampleMspWarning(plans, EXAMPLE);
    expect(w?.code).toBe('IRP_EXAMPLE_MSP');
    expect(w?.message).toMatch(/^plans\/defaults\.yaml still holds irplan's example MSP \(.+\)/);
    const line = readFileSync(EXAMPLE, 'utf8').split('\n')[(w?.position.line ?? 0) - 1];
    expect(line).toMatch(/^\s+name: /);
    expect(w?.position.file).toBe(join(plans, 'defaults.yaml'));
  });

  test('a renamed MSP that kept an example number, e-mail domain or person is still the example', () => {
    const example = readFileSync(EXAMPLE, 'utf8');
    const number = /number: "([^"]+)"/.exec(example)?.[1] ?? '';
    const email = /email: (\S+)/.exec(example)?.[1] ?? '';
    const person = [...example.matchAll(/^ {4}name: (.+)$/gm)].at(-1)?.[1] ?? '';
    expect([number, email, person].every(Boolean)).toBe(true);
    const variants = [
      OWN_MSP.replace('+1 416 555 0199', number.replace(/ /g, '-')),
      OWN_MSP.replace('soc@harbour.example', `desk@${email.split('@')[1]}`),
      OWN_MSP.replace('Harbour Tech SOC', person),
    ];
    for (const text of variants) expect(exampleMspWarning(project(text), EXAMPLE)?.code, text).toBe('IRP_EXAMPLE_MSP');
  });

  test("an MSP of one's own, or a copy of irplan that ships no example, is not warned about", () => {
    expect(exampleMspWarning(project(OWN_MSP), EXAMPLE)).toBeNull();
    const plans = project(readFileSync(EXAMPLE, 'utf8'));
    expect(exampleMspWarning(plans, join(plans, 'no-such-example.yaml'))).toBeNull();
  });

  test('the example is read from the file, not from a list in the code', () => {
    const plans = project(OWN_MSP);
    const example = join(tempDir('irplan-example-'), 'defaults.yaml');
    cpSync(join(plans, 'defaults.yaml'), example);
    expect(exampleMspWarning(plans, example)?.message).toContain('(Harbour Tech)');
  });
});
