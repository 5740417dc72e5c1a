import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderJsonSchema } from '../src/core/config/config-json-schema.js';
import { ConfigError, DEFAULT_CONFIG, parseConfigText } from '../src/core/config/config.js';

function problems(yaml: string): string[] {
  try {
    parseConfigText(yaml);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config', () => {
  it('an empty or absent file gives the defaults', () => {
    expect(parseConfigText('')).toEqual(DEFAULT_CONFIG);
    expect(parseConfigText('# only a comment\n')).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.labels.roadmap).toBe('roadmap');
    expect(DEFAULT_CONFIG.checked).toBe('skip');
  });

  it('keeps unspecified nested options at their defaults', () => {
    const config = parseConfigText('labels:\n  areaPrefix: "area: "\nheadings:\n  itemLevel: 3\n');
    expect(config.labels.areaPrefix).toBe('area: ');
    expect(config.labels.roadmap).toBe('roadmap');
    expect(config.headings.itemLevel).toBe(3);
    expect(config.headings.milestone).toEqual(DEFAULT_CONFIG.headings.milestone);
  });

  it('names the path and the problem', () => {
    expect(problems('files: [1]')).toEqual(['files[0]: expected string, got number']);
    expect(problems('removed: nuke')).toEqual(['removed: expected one of "close", "label", "leave"']);
    expect(problems('labels:\n  colors:\n    area: "#fff"')).toEqual(['labels.colors.area: expected 6 hex digits without "#", like "0e8a16"']);
    expect(problems('colour: red')).toEqual(['(top level): unknown option "colour"']);
    expect(problems('- a list')).toEqual(['expected a mapping of options at the top level']);
  });

  it('reports broken YAML with its line', () => {
    expect(problems('files:\n  - "a\n  b: [')[0]).toMatch(/^invalid YAML at line \d+/);
  });

  it('rejects paths outside the repository and patterns that could backtrack forever', () => {
    expect(problems('files: ["../secrets.md"]')[0]).toMatch(/^files\[0\]: must be a path inside the repository/);
    expect(problems('files: ["/etc/passwd"]')[0]).toMatch(/^files\[0\]: must be a path inside the repository/);
    expect(problems('skip:\n  sections: ["(a+)+$"]')[0]).toMatch(/^skip\.sections\[0\]: a repeated group .* can take exponential time/);
    expect(problems('skip:\n  sections: ["(unclosed"]')[0]).toMatch(/^skip\.sections\[0\]: not a valid regular expression/);
    expect(problems(`files: ["${'a'.repeat(300)}"]`)[0]).toMatch(/^files\[0\]: /);
  });

  it('the committed JSON Schema is the one the zod schema generates (npm run schema)', () => {
    const committed = readFileSync(new URL('../schema/roadmap-sync.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(renderJsonSchema());
  });

  it('the README documents every option', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const keys: string[] = [];
    const walk = (value: unknown, prefix: string): void => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
      for (const [key, child] of Object.entries(value)) {
        keys.push(prefix + key);
        walk(child, `${prefix}${key}.`);
      }
    };
    walk(DEFAULT_CONFIG, '');
    const missing = keys.filter((key) => !readme.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });
});
