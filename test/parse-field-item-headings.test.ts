import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { RoadmapFile } from '../src/core/roadmap/model.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';

/** Headings described by the same labelled fields are the items; the fields' bullets are their body. */
const parse = (text: string): RoadmapFile => parseRoadmapFile('FUTURE_ENHANCEMENTS.md', text, DEFAULT_CONFIG);
const titles = (file: RoadmapFile): string[] => file.items.map((i) => i.title);

const feature = (n: number, name: string, labels: [string, string, string] = ['What', 'Implementation', 'Effort']): string => `### ${n}. ${name}

**${labels[0]}:** ${name.toLowerCase()} for every trace

**${labels[1]}:**
- Parse the trace files
- Add a summary step

**${labels[2]}:** Medium (1-2 weeks)
**Value:** High

---
`;

describe('headings described by repeated fields', () => {
  it('files each heading once, with its fields and bullets in the body', () => {
    const file = parse(`# Tracer - future ideas

## High priority

${feature(1, 'Live trace viewer')}
${feature(2, 'Trace summaries')}

## Later

${feature(3, 'Flame graphs')}
${feature(4, 'Index advisor')}
`);
    expect(titles(file)).toEqual(['Live trace viewer', 'Trace summaries', 'Flame graphs', 'Index advisor']);
    expect(file.structure?.reason).toMatch(/described by the same fields/);
    expect(file.items[0]?.details).toContain('- Parse the trace files');
    expect(file.items[0]?.labels).toContain('priority: high');
  });

  it('reads Spanish fields the same way', () => {
    const labels: [string, string, string] = ['Qué', 'Implementación', 'Esfuerzo'];
    const file = parse(`# Ideas\n\n## Próximo\n\n${feature(1, 'Visor en vivo', labels)}\n${feature(2, 'Resúmenes', labels)}\n${feature(3, 'Gráficos', labels)}`);
    expect(titles(file)).toEqual(['Visor en vivo', 'Resúmenes', 'Gráficos']);
  });

  it('leaves task lists, one-field sections and areas with sub-headings to the list reading', () => {
    const tasks = parse(`# Plan\n\n## Next\n\n### Search\n**Goal:** fast\n**Owner:** ana\n- [ ] Index titles\n\n### Export\n**Goal:** easy\n**Owner:** bo\n- [ ] CSV\n\n### Sync\n**Goal:** safe\n**Owner:** cy\n- [ ] Conflicts\n`);
    expect(titles(tasks)).toEqual(['Index titles', 'CSV', 'Conflicts']);

    const oneField = parse(`# Plan\n\n## Next\n\n### Search\n**Goal:** fast\n- Index titles\n\n### Export\n**Goal:** easy\n- CSV\n\n### Sync\n**Goal:** safe\n- Conflicts\n`);
    expect(titles(oneField)).toEqual(['Index titles', 'CSV', 'Conflicts']);

    const areas = parse(`# Plan\n\n## Backend\n**Owner:** ana\n**Stack:** Go\n### API\n- Pagination\n\n## Frontend\n**Owner:** bo\n**Stack:** TS\n### UI\n- Dark mode\n\n## Ops\n**Owner:** cy\n**Stack:** k8s\n### CI\n- Caching\n`);
    expect(titles(areas)).toEqual(['Pagination', 'Dark mode', 'Caching']);
  });
});
