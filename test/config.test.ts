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
    expect(problems('colour: red')).toEqual(['unknown option "colour"']);
    expect(problems('- a list')).toEqual(['expected a mapping of options at the top level']);
  });

  describe('unknown options, at any depth, by their full path', () => {
    it('at depth 1, 2 and 3, with the option that was meant', () => {
      expect(problems('lables: {}')).toEqual(['unknown option "lables" (did you mean "labels"?)']);
      expect(problems('Files: ["ROADMAP.md"]')).toEqual(['unknown option "Files" (did you mean "files"?)']);
      expect(problems('labels:\n  roadmapp: todo')).toEqual(['unknown option "labels.roadmapp" (did you mean "labels.roadmap"?)']);
      expect(problems('bulk:\n  maxcount: 3')).toEqual(['unknown option "bulk.maxcount" (did you mean "bulk.maxCount"?)']);
      expect(problems('skip:\n  section: ["^faq$"]')).toEqual(['unknown option "skip.section" (did you mean "skip.sections"?)']);
      expect(problems('headings:\n  item_level: 3')).toEqual(['unknown option "headings.item_level" (did you mean "headings.itemLevel"?)']);
      expect(problems('labels:\n  colors:\n    areas: "ffffff"')).toEqual(['unknown option "labels.colors.areas" (did you mean "labels.colors.area"?)']);
    });

    it('no suggestion when nothing is close', () => {
      expect(problems('frobnicate: true')).toEqual(['unknown option "frobnicate"']);
      expect(problems('bulk:\n  limit: 3')).toEqual(['unknown option "bulk.limit"']);
      expect(problems('labels:\n  colors:\n    milestone: "ffffff"')).toEqual(['unknown option "labels.colors.milestone"']);
    });

    it('an option indented at the wrong level points to where it belongs', () => {
      expect(problems('maxCount: 3')).toEqual(['unknown option "maxCount" (did you mean "bulk.maxCount"?)']);
      expect(problems('labels:\n  area: "1d76db"')).toEqual(['unknown option "labels.area" (did you mean "labels.colors.area"?)']);
      expect(problems('roadmap: todo')).toEqual(['unknown option "roadmap" (did you mean "labels.roadmap" or "labels.colors.roadmap"?)']);
      expect(problems('labels:\n  colors:\n    priorityPrefix: "p: "')).toEqual(['unknown option "labels.colors.priorityPrefix" (did you mean "labels.priorityPrefix"?)']);
      expect(problems('labels:\n  colors:\n    removed: close')).toEqual(['unknown option "labels.colors.removed" (did you mean "removed"?)']);
      // Only the same name, and only above or below: not "headings.milestone" from another branch, not "milestones".
      expect(problems('skip:\n  milestone: []')).toEqual(['unknown option "skip.milestone"']);
    });

    it('each unknown key is its own problem, beside the other problems', () => {
      expect(problems('bulk:\n  maxcount: 3\n  zzz: 1\n  maxShare: 2\nremoved: nuke')).toEqual([
        'removed: expected one of "close", "label", "leave"',
        'bulk.maxShare: Too big: expected number to be <=1',
        'unknown option "bulk.maxcount" (did you mean "bulk.maxCount"?)',
        'unknown option "bulk.zzz"',
      ]);
    });

    it('a typo never leaves the option at its default silently', () => {
      expect(() => parseConfigText('bulk:\n  maxcount: 500\n')).toThrow(ConfigError);
      expect(() => parseConfigText('bulk:\n  maxcount: 500\n')).toThrow(/\.github\/roadmap-sync\.yml: unknown option "bulk\.maxcount" \(did you mean "bulk\.maxCount"\?\)/);
    });

    it('every object in the JSON Schema refuses additional properties', () => {
      const schema: unknown = JSON.parse(renderJsonSchema());
      const objects: string[] = [];
      const open: string[] = [];
      const walk = (node: unknown, at: string): void => {
        if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${at}[${i}]`));
        if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
        const record = node as Record<string, unknown>;
        if (record.type === 'object') {
          objects.push(at);
          if (record.additionalProperties !== false) open.push(at);
        }
        for (const [key, child] of Object.entries(record)) walk(child, `${at}/${key}`);
      };
      walk(schema, '#');
      expect(objects).toEqual(['#', '#/properties/headings', '#/properties/skip', '#/properties/labels', '#/properties/labels/properties/colors', '#/properties/bulk']);
      expect(open).toEqual([]);
    });
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
