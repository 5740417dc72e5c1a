import { describe, expect, it } from 'vitest';
import { configSchema, DEFAULT_CONFIG } from '../src/core/config/config.js';
import {
  classifyHeading,
  classifySection,
  cleanHeadingText,
  fitLabel,
  normalizePriority,
  priorityFromContext,
  resolveLevels,
  type SectionHeading,
} from '../src/core/roadmap/classify.js';

const kind = (heading: string): string => {
  const k = classifyHeading(cleanHeadingText(heading), DEFAULT_CONFIG);
  return k.kind === 'priority' ? `priority:${k.priority}` : k.kind;
};

describe('cleanHeadingText', () => {
  it.each([
    ['1. Performance & Scalability', 'Performance & Scalability'],
    ['3.2. Feature-Rich Beyond a Standard API', 'Feature-Rich Beyond a Standard API'],
    ['1.2.1. Interactive', 'Interactive'],
    ['1.1 Runtime improvements', 'Runtime improvements'],
    ['🚀 PHASE 0: Foundation', 'PHASE 0: Foundation'],
    ['📋 2. Security', 'Security'],
    ['Oil Lamp Consistency ✅ COMPLETE', 'Oil Lamp Consistency'],
    ['Define New Character Roster (1 day)', 'Define New Character Roster'],
    ['Blocking Everything:', 'Blocking Everything'],
    ['2025 Q3', '2025 Q3'],
    ['2024', '2024'],
    ['1.2', '1.2'],
    ['v1.2', 'v1.2'],
    ['✅', ''], // nothing left: the parser then falls back to the raw text
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(cleanHeadingText(input)).toBe(expected);
  });
});

describe('classifyHeading', () => {
  it.each([
    // releases, phases, quarters, horizons
    ['v1.2', 'release'],
    ['v2.0 (Next)', 'release'],
    ['Phase 2', 'release'],
    ['Phase 2: Production Readiness Enhancements (Months 3-6)', 'release'],
    ['Q3 2025', 'release'],
    ['2025 H1', 'release'],
    ['Next', 'release'],
    ['Months 3-6', 'release'],
    ['Near-Term and Medium-Term', 'release'],
    ['Recently completed', 'release'],
    ['Version Roadmap', 'release'],
    // priorities
    ['High Priority', 'priority:high'],
    ['High Priority (Immediate Impact)', 'priority:high'],
    ['Low Priority / Nice to Have', 'priority:low'],
    ['Medium', 'priority:medium'],
    ['P0', 'priority:p0'],
    ['P1 (High)', 'priority:p1'],
    ['Nice to Have', 'priority:nice to have'],
    ['Must-have', 'priority:must have'],
    ['Priority: High', 'priority:high'],
    ['Prioridade 1', 'priority:p1'],
    ['🔥 Critical', 'priority:critical'],
    // neither: milestone by level or area
    ['1. Performance & Scalability', 'plain'],
    ['Priority Recommendations', 'plain'],
    ['High Availability', 'plain'],
    ['Low-level API', 'plain'],
    ['Backend Enhancements', 'plain'],
    ['Technical Debt & Refactoring Backlog', 'plain'],
    // not work
    ['Overview', 'skip'],
    ['1. Purpose', 'skip'],
    ['📚 Table of Contents', 'skip'],
    ['Implementation Notes', 'skip'],
    ['Prioritization Framework', 'skip'],
    ['PROJECT STATUS OVERVIEW', 'skip'],
    ['Success Metrics by Phase', 'skip'],
    ['Credits', 'skip'],
  ])('%j is %s', (heading, expected) => {
    expect(kind(heading)).toBe(expected);
  });
});

describe('normalizePriority', () => {
  it.each([
    ['High Priority', 'high'],
    ['P0 (Critical)', 'p0'],
    ['Priority 1', 'p1'],
    ['priority: p2', 'p2'],
    ['Nice to Have', 'nice to have'],
    ['Low Priority / Nice to Have', 'low'],
    ['Prioridad Alta', 'high'], // one canonical level across languages
    ['Top Priorities', 'top'],
    ['Whatever', 'whatever'],
    ['', 'unspecified'],
  ])('%j → %j', (input, expected) => {
    expect(normalizePriority(input)).toBe(expected);
  });

  it('reads "Priority: …" context lines only when they name a priority', () => {
    expect(priorityFromContext('Priority: HIGH - Foundation for everything')).toBe('high');
    expect(priorityFromContext('Prioridad: Alta')).toBe('high');
    expect(priorityFromContext('Priority: P1')).toBe('p1');
    expect(priorityFromContext('Priority: whatever the team decides next quarter')).toBeNull();
    expect(priorityFromContext('Goal: ship')).toBeNull();
  });
});

describe('resolveLevels', () => {
  it('treats a lone first H1 as the title and the next level as milestones', () => {
    expect(resolveLevels([1, 2, 3, 2, 3], 'auto')).toEqual({ titleIndex: 0, level: 2 });
  });
  it('uses H1 as the level when there are several', () => {
    expect(resolveLevels([1, 2, 1, 2], 'auto')).toEqual({ titleIndex: null, level: 1 });
  });
  it('skips missing levels under the title', () => {
    expect(resolveLevels([1, 3, 4, 3], 'auto')).toEqual({ titleIndex: 0, level: 3 });
  });
  it('has no milestone level for a title alone or no headings', () => {
    expect(resolveLevels([1], 'auto')).toEqual({ titleIndex: 0, level: null });
    expect(resolveLevels([], 'auto')).toEqual({ titleIndex: null, level: null });
  });
  it('obeys a fixed level', () => {
    expect(resolveLevels([1, 2, 3], 3)).toEqual({ titleIndex: 0, level: 3 });
  });
});

describe('classifySection', () => {
  const h = (text: string, depth: number, isTitle = false): SectionHeading => ({
    text,
    depth,
    isTitle,
    kind: isTitle ? { kind: 'plain' } : classifyHeading(text, DEFAULT_CONFIG),
  });

  it('milestone by level, deeper headings as areas', () => {
    const path = [h('Roadmap', 1, true), h('Performance & Scalability', 2), h('Caching', 3)];
    expect(classifySection(path, 2, DEFAULT_CONFIG)).toMatchObject({
      milestone: 'Performance & Scalability',
      labels: ['Caching'],
    });
  });

  it('nearest release heading wins; the level heading becomes an area', () => {
    const path = [h('Roadmap', 1, true), h('Backend', 2), h('v1.2', 3), h('Storage', 4)];
    expect(classifySection(path, 2, DEFAULT_CONFIG)).toMatchObject({ milestone: 'v1.2', labels: ['Backend', 'Storage'] });
  });

  it('priority headings give labels, never milestones', () => {
    const path = [h('Roadmap', 1, true), h('High Priority', 2), h('Security', 3)];
    expect(classifySection(path, 2, DEFAULT_CONFIG)).toMatchObject({ milestone: null, labels: ['priority: high', 'Security'] });
  });

  it('applies the prefixes and never emits the roadmap label as an area', () => {
    const config = configSchema.parse({ labels: { priorityPrefix: 'P/', areaPrefix: 'area: ' } });
    const path = [h('Roadmap', 1, true), h('v1.0', 2), h('P1', 3), h('UI', 4)];
    expect(classifySection(path, 2, config)).toMatchObject({ milestone: 'v1.0', labels: ['P/p1', 'area: UI'] });
    const plainRoadmap = [h('Docs', 1), h('Roadmap', 2)];
    expect(classifySection(plainRoadmap, 1, DEFAULT_CONFIG).labels).toEqual([]);
  });
});

describe('fitLabel', () => {
  it('keeps labels within 50 characters', () => {
    const label = fitLabel('A very long area heading that goes on and on beyond any label limit');
    expect(label.length).toBeLessThanOrEqual(50);
    expect(label.endsWith('…')).toBe(true);
    expect(fitLabel('Short')).toBe('Short');
  });
});
