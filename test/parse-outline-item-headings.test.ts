import { describe, expect, it } from 'vitest';
import { planItemEdits } from '../src/core/checkboxes/plan-checkbox-edits.js';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { cleanHeadingText } from '../src/core/roadmap/classify.js';
import type { RoadmapFile } from '../src/core/roadmap/model.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { nonWorkSection } from '../src/core/roadmap/vocabulary.js';

/**
 * Outline-numbered work headings (src/core/roadmap/outline-item-headings.ts): `### 1.1 Title (1 day)`
 * under `## Phase 1`, described by plain bullets under label lines, is one item; its bullets are
 * its body; plain lists outside such headings are notes.
 */
const parse = (text: string): RoadmapFile => parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG);
const titles = (file: RoadmapFile): string[] => file.items.map((i) => i.title);

const ENGLISH = `# Gadget - Implementation Roadmap

## Status overview

- [x] Login screen
- [x] Settings page

## 🚀 PHASE 0: FOUNDATION FIXES ⚠️ (Week 1 - BLOCKING)

**Goal:** fix what blocks everything

### 0.1 Fix Login Redirect ✅ COMPLETE
**Problem:** the redirect runs during render
**Solution:** move it into an effect
**File:** \`src/pages/Login.tsx\`

### 0.1.5 Fix Route Mismatch ✅ COMPLETE
**Problem:** two routes for one page

### 0.2 Offline Storage 🔄 WAITING ON DESIGN
**Steps:**
- Pick a storage engine
- Write the sync queue
- Add conflict handling

## PHASE 1: SHARING (Weeks 2-3)

### Current State: single-user documents

**Existing in codebase:**
- \`src/share.ts\` stub
- No permissions model

### 1.1 Share Links (1 day)
**Features:**
- Read-only links
- Expiry dates

### 1.2 Permissions Model (3 days)
**Update:** \`src/types/permissions.ts\`
- Owner, editor, viewer roles
- Migration for existing documents

### 1.3 Invite Flow (2 days) 🆕
- Email invites
- Pending invite list

## 🚨 CRITICAL BLOCKERS

### Blocking Phase 1:
1. ⚠️ **MUST DECIDE:** the permissions model
2. ✅ **FIXED:** login redirect

## 🎯 PRIORITY SUMMARY

- Phase 0: foundation ✅
- Phase 1: sharing ⏳

## 📝 NEXT ACTIONS

1. Finish offline storage
2. Start share links
`;

describe('outline-numbered work headings', () => {
  it('reads one item per numbered heading, with its bullets in the body', () => {
    const file = parse(ENGLISH);
    expect(titles(file)).toEqual(['Fix Login Redirect', 'Fix Route Mismatch', 'Offline Storage', 'Share Links', 'Permissions Model', 'Invite Flow']);
    expect(file.structure?.kind).toBe('headings');
    expect(file.structure?.itemLevel).toBe(3);
    expect(file.structure?.reason).toMatch(/outline-numbered/u);
    expect(file.structure?.reason).toMatch(/6 of 8 numbered/u);
    const storage = file.items.find((i) => i.title === 'Offline Storage');
    expect(storage?.details).toContain('- Write the sync queue');
    expect(storage?.children).toEqual([]);
  });

  it('takes the phases as milestones, without the warning emoji, and nothing from the notes after them', () => {
    const file = parse(ENGLISH);
    expect(file.milestones.map((m) => m.title)).toEqual(['PHASE 0: FOUNDATION FIXES (Week 1 - BLOCKING)', 'PHASE 1: SHARING (Weeks 2-3)']);
    // the unnumbered "Current State" heading is the phase's context, not an item
    expect(file.milestones[1]?.description).toContain('No permissions model');
  });

  it('checks the items whose heading says they are done, and the app leaves their mark alone', () => {
    const file = parse(ENGLISH);
    expect(file.items.map((i) => i.checkbox)).toEqual(['checked', 'checked', 'none', 'none', 'none', 'none']);
    const done = file.items[0];
    expect(done && planItemEdits(ENGLISH, done, 'uncheck')).toBeNull();
  });

  it('reads a Spanish roadmap the same way', () => {
    const file = parse(`# Plan

## Fase 1: Base (Semanas 1-2)

### 1.1 Corregir el inicio de sesión ✅ COMPLETADO
**Problema:** la redirección ocurre al renderizar
- Mover la redirección a un efecto

### 1.2 Almacenamiento sin conexión (2 días)
**Pasos:**
- Elegir el motor
- Escribir la cola

## Fase 2: Compartir (Semanas 3-4)

### 2.1 Enlaces para compartir (1 semana)
- Enlaces de solo lectura
- Fechas de caducidad

### 2.2 Modelo de permisos (3 días)
- Roles de propietario, editor y lector

## Resumen de prioridades

- Fase 1 primero
`);
    expect(titles(file)).toEqual(['Corregir el inicio de sesión', 'Almacenamiento sin conexión', 'Enlaces para compartir', 'Modelo de permisos']);
    expect(file.items.map((i) => i.checkbox)).toEqual(['checked', 'none', 'none', 'none']);
    expect(file.milestones.map((m) => m.title)).toEqual(['Fase 1: Base (Semanas 1-2)', 'Fase 2: Compartir (Semanas 3-4)']);
    expect(file.items[1]?.details).toContain('- Escribir la cola');
  });

  it('keeps task lists under a numbered heading as its sub-items', () => {
    const file = parse(`# Plan

## Phase 1

### 1.1 Share Links (1 day)
**Scope:**
- Read-only links

**Tasks:**
- [ ] Expiry dates
- [ ] Revoking a link

### 1.2 Permissions (3 days)
- Owner, editor, viewer

### 1.3 Invites (2 days)
- Email invites

### 1.4 Audit Log (2 days)
- Who opened what

### 1.5 Export (1 day)
- PDF export
`);
    expect(titles(file)).toEqual(['Share Links', 'Expiry dates', 'Revoking a link', 'Permissions', 'Invites', 'Audit Log', 'Export']);
    expect(file.items[1]?.parent).toBe(file.items[0]?.key);
    expect(file.items[0]?.details).toContain('- Read-only links');
  });

  it('reads numbered headings over task lists by their boxes (the headings are areas)', () => {
    const file = parse(`# Plan

## 1. Features

### 1.1. Window ✅
- [x] Main window
- [ ] Sub window

### 1.2. Components (2 weeks)
- [x] Button
- [ ] Calendar

### 1.3. Theming (1 week)
- [ ] Dark mode
`);
    expect(file.structure?.kind).toBe('lists');
    expect(titles(file)).toEqual(['Main window', 'Sub window', 'Button', 'Calendar', 'Dark mode']);
  });

  it('reads numbered headings without estimates or status marks by their lists (chapters, not pieces of work)', () => {
    const file = parse(`# Plan

## 3. Usability

### 3.1. Simple usage
- Provide client libraries
- Write example apps

### 3.2. Rich features
- Background jobs
- Bulk operations

### 3.3. Documentation
- How-to guides
`);
    expect(file.structure?.kind).toBe('lists');
    expect(titles(file)).toEqual(['Provide client libraries', 'Write example apps', 'Background jobs', 'Bulk operations', 'How-to guides']);
  });
});

describe('heading marks and names', () => {
  it.each([
    ['1.1 Define the roster (1 day)', 'Define the roster'],
    ['1.2 Definir roles (2 días)', 'Definir roles'],
    ['1.3 Rollen festlegen (3 Tage)', 'Rollen festlegen'],
    ['1.4 Роли (2 недели)', 'Роли'],
    ['1.5 役割を決める (2日)', '役割を決める'],
    ['3.3 Sequential cards (2 days) 🆕', 'Sequential cards'],
    ['PHASE 0: FIXES ⚠️ (Week 1 - BLOCKING)', 'PHASE 0: FIXES (Week 1 - BLOCKING)'],
    ['Weekend Amulet (Future Phase)', 'Weekend Amulet (Future Phase)'],
  ])('%j → %j', (heading, title) => {
    expect(cleanHeadingText(heading)).toBe(title);
  });

  it.each([
    ['📅 Timeline Summary', 'summary'],
    ['🎯 Priority Summary', 'summary'],
    ['Resumen ejecutivo', 'summary'],
    ['Öncelik Özeti', 'summary'],
    ['优先级总结', 'summary'],
    ['📊 Success Metrics by Phase', 'success metrics'],
    ['Métricas de éxito', 'success metrics'],
    ['Fase 1: métricas de éxito', 'success metrics'],
    ['Erfolgskennzahlen', 'success metrics'],
    ['フェーズ1の成功指標', 'success metrics'],
    ['Метрики успеха', 'success metrics'],
  ])('%j is not work (%s)', (heading, kind) => {
    expect(nonWorkSection(heading)).toBe(kind);
  });

  it.each(['Summary view for reports', 'PDF summary export', 'Metrics dashboard', 'Success criteria', 'Critical blockers'])('%j stays work', (heading) => {
    expect(nonWorkSection(heading)).toBeNull();
  });
});
