import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { classifyHeading, cleanHeadingText } from '../src/core/roadmap/classify.js';
import type { RoadmapFile } from '../src/core/roadmap/model.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';

/**
 * Instructions for a working session (start here, golden rules, a decision tree, a quick
 * reference), a top-level banner over them beside the document's title, notes on finished work and
 * notes under a bold line beside a task list: none of them is work.
 */
const parse = (md: string): RoadmapFile => parseRoadmapFile('ROADMAP.md', md, DEFAULT_CONFIG);
const titles = (file: RoadmapFile): string[] => file.items.map((i) => i.title);
const milestones = (file: RoadmapFile): string[] => file.milestones.map((m) => m.title);
const kind = (heading: string): string => classifyHeading(cleanHeadingText(heading), DEFAULT_CONFIG).kind;

const BANNER_EN = `# Gadget v1.0 - The Roadmap
## One plan for the whole team

## 🎯 Quick Reference: what to build vs what to wrap

| Task | Action |
|------|--------|
| Cache | CREATE NEW |
| Parser | WRAP EXISTING |

# 🚨 START HERE - PASTE AT SESSION START

## Pre-Flight (30 seconds)
- Check the disk has 5 GB free

## Golden Rules
1. **WRAP** working code - don't rebuild
2. **CHECK** first before creating

## Branches & Disk
- **Week 0-2** → \`main\`
- **Week 2-4** → \`feature/search\`

---

## 🔧 Cleanup

- Remove the dead flags

## Week 0-2: Foundation

- [ ] Shared cache compiles
- [ ] Parser wrapped

## Week 2-4: Search

- [ ] Index built
`;

const BANNER_ES = `# Gadget - Hoja de ruta

Lo que haremos este año.

# 🚨 EMPIEZA AQUÍ - PEGAR AL INICIO DE CADA SESIÓN

## Reglas de oro
- Envolver el código que funciona
- Comprobar antes de crear

## Ramas
- **Semana 0-2** → \`main\`
- **Semana 2-4** → \`feature/busqueda\`

## Fase 1: Base

- [ ] Caché compartida
- [ ] Analizador envuelto

## Fase 2: Búsqueda

- [ ] Índice construido
`;

describe('instructions for a working session are not work', () => {
  it.each([
    'Golden Rules',
    'Decision Tree: WRAP vs CREATE',
    'Pre-Flight (30 seconds)',
    '🎯 Quick Reference: What to MOVE vs CREATE vs WRAP',
    '🚨 START HERE - PASTE AT SESSION START',
    'Reglas de oro',
    'Referencia rápida: qué crear',
    "Règles d'or",
    'Goldene Regeln',
    'Árvore de decisão',
    'Altın kurallar',
    'Золотые правила',
    '黄金律',
    '决策树',
  ])('%j is skipped', (heading) => {
    expect(kind(heading)).toBe('skip');
  });

  it.each(['Quick wins', 'Decision records', 'Starting the parser', 'Instructions parser rewrite', 'Reference docs'])('%j stays a section', (heading) => {
    expect(kind(heading)).not.toBe('skip');
  });

  it('a START HERE banner beside the title covers its instructions up to the rule, not the rest of the roadmap (en)', () => {
    const file = parse(BANNER_EN);
    expect(titles(file)).toEqual(['Remove the dead flags', 'Shared cache compiles', 'Parser wrapped', 'Index built']);
    // neither the title nor the banner is a milestone; the work sections are
    expect(milestones(file)).toEqual(['Week 0-2: Foundation', 'Week 2-4: Search']);
    expect(file.items[0]?.milestone).toBeNull();
    // the sections after the banner are read under the title again
    expect(file.items[1]?.headingPath).toEqual(['Gadget v1.0 - The Roadmap', 'Week 0-2: Foundation']);
  });

  it('a banner ends at the first heading under it that names a milestone (es)', () => {
    const file = parse(BANNER_ES);
    expect(titles(file)).toEqual(['Caché compartida', 'Analizador envuelto', 'Índice construido']);
    expect(milestones(file)).toEqual(['Fase 1: Base', 'Fase 2: Búsqueda']);
  });

  it('a top heading that is a part of the roadmap still leaves no title and stays a milestone', () => {
    const file = parse(`Gadget Roadmap
==============

### How can I help?

Open an issue.

# 1. Features and refactoring

## 1.1 Runtime

Prose about the runtime and what it needs next year.

- [ ] Faster start
`);
    expect(milestones(file)).toEqual(['Features and refactoring']);
  });

  it('a first heading that does not read as a title stays a section beside a non-work one', () => {
    const file = parse(`# Features

- Search
- Export

# Changelog

- 1.0 released
`);
    expect(titles(file)).toEqual(['Search', 'Export']);
    expect(milestones(file)).toEqual(['Features']);
  });
});

describe('notes on finished work', () => {
  it('a list under a done-marked bold title reports on that work (en)', () => {
    const file = parse(`# Roadmap

## Previous Completions

**✅ Search index rebuilt (2025-11-06)**
- Commit: \`9343421\` - rebuild the index
- See: \`docs/search-report.md\`
- 21 tests passing

## Next

- [ ] Export to CSV
`);
    expect(titles(file)).toEqual(['Export to CSV']);
  });

  it('a list under a done-marked bold title reports on that work (de)', () => {
    const file = parse(`# Fahrplan

## Bisherige Abschlüsse

✅ **Suchindex neu aufgebaut** (2025-11-06)
- Commit: \`9343421\`
- 21 Tests bestanden

## Als Nächstes

- [ ] CSV-Export
`);
    expect(titles(file)).toEqual(['CSV-Export']);
  });

  it('a done mark over a stage word is a status label: the list under it is finished work', () => {
    const file = parse(`# Roadmap

## 2025 Q3

✅ **Completed**
- Project setup
- Core API v0.1

## 2025 Q4

✅ **已完成**
- 导出功能
`);
    expect(titles(file)).toEqual(['Project setup', 'Core API v0.1', '导出功能']);
  });
});

describe('a plain list under a bold line beside a task list is notes', () => {
  it('keeps the acceptance boxes, not the strategy bullets (en)', () => {
    const file = parse(`# Roadmap

## Week 14-16: Testing

**Strategy: fast CI, live end-to-end tests nightly**

1. **CI tests:**
   - 35 new integration tests
   - No Docker required
2. **Nightly tests:**
   - Full end-to-end runs

**Acceptance:**
- [ ] CI runs in under 10 minutes
- [ ] Coverage above 80%
`);
    expect(titles(file)).toEqual(['CI runs in under 10 minutes', 'Coverage above 80%']);
  });

  it('keeps the acceptance boxes, not the strategy bullets (fr)', () => {
    const file = parse(`# Feuille de route

## Semaine 3 : Tests

**Stratégie : CI rapide, tests de bout en bout la nuit**

- Tests d'intégration enregistrés
- Pas de Docker en CI

**Critères :**
- [ ] La CI dure moins de 10 minutes
`);
    expect(titles(file)).toEqual(['La CI dure moins de 10 minutes']);
  });

  it('a bold line over a plain list in a section without tasks is still work', () => {
    const file = parse(`# Roadmap

## Week 17-18: Launch

**Launch deliverables**

- Docker image
- Release notes
`);
    expect(titles(file)).toEqual(['Docker image', 'Release notes']);
  });
});
