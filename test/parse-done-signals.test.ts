import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { RoadmapFile } from '../src/core/roadmap/model.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { applyEdits, planCheckboxToggle } from '../src/core/roadmap/rewrite.js';

/**
 * Finished work written without a box is checked (so no open issue is filed for it): a plain item
 * under a heading that names finished work or carries a done mark, and a plain item that starts or
 * ends with a done mark. A box, when there is one, always decides.
 */
const parse = (text: string): RoadmapFile => parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG);
const states = (file: RoadmapFile): Array<[string, string]> => file.items.map((i) => [i.title, i.checkbox]);

describe('finished work without a box', () => {
  it('checks the plain items of a done section and its subsections, not those of the next one', () => {
    const file = parse(`# Roadmap

## Recently completed
- Windows support
### Security
- Key rotation

## Next
- Plugin API
- [ ] Audit log
`);
    expect(states(file)).toEqual([
      ['Windows support', 'checked'],
      ['Key rotation', 'checked'],
      ['Plugin API', 'none'],
      ['Audit log', 'unchecked'],
    ]);
  });

  it('reads a done mark on the heading, and done headings in other languages', () => {
    expect(states(parse('# Plan\n\n## v1.0 ✅\n- Login\n\n## v1.1\n- Export\n'))).toEqual([
      ['Login', 'checked'],
      ['Export', 'none'],
    ]);
    for (const heading of ['Concluído (2024-2025)', '已完成', '完了済み', 'Erledigt', 'Tamamlananlar', 'Completados']) {
      expect(parse(`# Plan\n\n## ${heading}\n- Búsqueda\n\n## Futuro\n- Exportar\n`).items.map((i) => i.checkbox), heading).toEqual(['checked', 'none']);
    }
  });

  it('checks an item that starts or ends with a done mark, and leaves the mark out of its title', () => {
    const file = parse('# Plan\n\n## Phase 1\n- ✅ **Base architecture** (high) - 8h\n- 🔄 **Authentication** (high) - 16h\n- Export to CSV ✅\n- [ ] ✅ Boxed: the box decides\n');
    expect(states(file)).toEqual([
      ['Base architecture', 'checked'],
      ['Authentication', 'none'],
      ['Export to CSV', 'checked'],
      ['Boxed: the box decides', 'unchecked'],
    ]);
  });

  it('does not read "Definition of Done" or "Done when" as finished work', () => {
    const file = parse('# Plan\n\n## Definition of Done\n- Tests pass\n\n## Done when\n- Users can log in\n');
    expect(file.items.every((i) => i.checkbox === 'none')).toBe(true);
  });

  it('reopening such an item writes an open box and keeps its key; closing it again checks the box', () => {
    const text = '# Plan\n\n## Done\n- Windows support\n- Key rotation\n';
    const [item] = parse(text).items;
    if (!item) throw new Error('no item');
    const edit = planCheckboxToggle(text, item.source, false);
    expect(edit).not.toBeNull();
    const reopened = applyEdits(text, edit ? [edit] : []);
    expect(reopened).toBe('# Plan\n\n## Done\n- [ ] Windows support\n- Key rotation\n');
    const again = parse(reopened);
    expect(again.items.map((i) => [i.key, i.checkbox])).toEqual([
      [item.key, 'unchecked'],
      [parse(text).items[1]?.key, 'checked'],
    ]);
    const [open] = again.items;
    const close = open ? planCheckboxToggle(reopened, open.source, true) : null;
    expect(parse(applyEdits(reopened, close ? [close] : [])).items[0]?.checkbox).toBe('checked');
  });
});

describe('a stage among prose-led sections', () => {
  it('reads the lists, not the section headings, when one of the sections is a stage (Done, Завершено)', () => {
    const prose = 'This paragraph explains the state of the project at some length, so that the section opens with prose.';
    const file = parse(`# Project plan

## Goal of the stable version

${prose}

- installable on TV boxes
- plays ordinary streams

## Current state

${prose}

- tracker discovery works
- peer pool works

## Done

- playlist import
- favourites and history

## Order of work

${prose}

1. **Navigation baseline** on the remote
2. **EPG memory fix** with bounded caches
`);
    expect(file.structure?.kind).toBe('lists');
    expect(states(file).filter(([, state]) => state === 'checked').map(([title]) => title)).toEqual(['playlist import', 'favourites and history']);
    expect(file.items.map((i) => i.title)).toContain('Navigation baseline on the remote');
  });
});
