import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { RoadmapFile, RoadmapItem } from '../src/core/roadmap/model.js';
import { parseRoadmap, parseRoadmapFile } from '../src/core/roadmap/parse.js';

/**
 * The five seed roadmaps, read as a person would. Every number below was derived by reading the
 * file, not by running the parser; the comment beside it says why.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seed = (name: string): string => readFileSync(path.join(repoRoot, 'seeds', name), 'utf8');

function parse(name: string): RoadmapFile {
  return parseRoadmapFile(`seeds/${name}`, seed(name), DEFAULT_CONFIG);
}

function byTitle(file: RoadmapFile, title: string): RoadmapItem {
  const found = file.items.filter((i) => i.title === title);
  expect(found, `one item titled ${JSON.stringify(title)}`).toHaveLength(1);
  return found[0] as RoadmapItem;
}

function parentOf(file: RoadmapFile, item: RoadmapItem): RoadmapItem | undefined {
  return file.items.find((i) => i.key === item.parent);
}

function distinctLabels(file: RoadmapFile): string[] {
  return [...new Set(file.items.flatMap((i) => i.labels))];
}

describe('seed 000: LumonStream future enhancements (numbered features with sub-bullets)', () => {
  const file = parse('000_73e3fa0e1b9c444b.txt');

  it('finds 23 features and their 69 sub-bullets', () => {
    // Backend 5 + Frontend 5 + CLI 4 + Build System 4 + Additional Features 5 = 23 numbered features,
    // each with exactly 3 nested bullets = 69 children; 92 items in all.
    expect(file.items).toHaveLength(92);
    expect(file.items.filter((i) => i.parent === null)).toHaveLength(23);
    expect(file.items.filter((i) => i.parent !== null)).toHaveLength(69);
    expect(file.items.every((i) => i.parent !== null || i.children.length === 3)).toBe(true);
    expect(file.problems).toEqual([]);
  });

  it('makes the five H2 sections milestones (one H1 title, no release-like heading)', () => {
    expect(file.milestones.map((m) => m.title)).toEqual([
      'Backend Enhancements',
      'Frontend Enhancements',
      'CLI Enhancements',
      'Build System Improvements',
      'Additional Features',
    ]);
  });

  it('has no labels besides the roadmap label (no H3 areas, no priority headings)', () => {
    expect(distinctLabels(file)).toEqual([]);
    const roadmap = parseRoadmap([{ path: 'seeds/000.md', text: seed('000_73e3fa0e1b9c444b.txt') }], DEFAULT_CONFIG);
    expect(roadmap.labels.map((l) => l.name)).toEqual(['roadmap']);
  });

  it('reduces bold numbered titles and links children to parents', () => {
    const auth = byTitle(file, 'Authentication System');
    expect(auth.text).toBe('**Authentication System**');
    expect(auth.milestone).toBe('Backend Enhancements');
    expect(auth.checkbox).toBe('none');
    const jwt = byTitle(file, 'Implement JWT-based authentication');
    expect(jwt.parent).toBe(auth.key);
    expect(auth.children[0]).toBe(jwt.key);
    expect(jwt.headingPath).toEqual(['Future Enhancements for LumonStream', 'Backend Enhancements']);
  });
});

describe('seed 001: Discord bot future plans (priority sections, version roadmap)', () => {
  const file = parse('001_09ce0ff9edf03996.txt');

  it('finds 81 items', () => {
    // High Priority: Security 6 + Performance 5 + Reliability 5 = 16
    // Medium Priority: New Features 6 + Dashboard 6 + Game 6 + Home Automation 6 = 24
    // Low Priority / Nice to Have: Developer Experience 6 + Advanced Features 6 + Integrations 6 = 18
    // Package Recommendations: tables only = 0; Caching Strategy: a code block = 0
    // Architecture Improvements: Microservices Split 4 numbered + Database Schema 4 = 8
    // Community Features 6; Version Roadmap: v1.1 3 + v1.2 3 + v2.0 3 = 9
    // 16 + 24 + 18 + 8 + 6 + 9 = 81, all flat (no nesting anywhere).
    expect(file.items).toHaveLength(81);
    expect(file.items.every((i) => i.parent === null && i.children.length === 0)).toBe(true);
  });

  it('takes the nearest release heading as milestone; priority sections have none', () => {
    // "Version Roadmap" and "v1.1 (Next)" both look like releases: the nearest one wins.
    // The three priority sections are not milestones, so their 58 items have milestone null.
    expect(file.milestones.map((m) => m.title)).toEqual([
      'Architecture Improvements',
      'Community Features',
      'v1.1 (Next)',
      'v1.2',
      'v2.0',
    ]);
    expect(file.items.filter((i) => i.milestone === null)).toHaveLength(58);
    expect(byTitle(file, 'Security hardening').milestone).toBe('v1.1 (Next)');
    expect(byTitle(file, 'Security hardening').labels).toEqual([]);
  });

  it('labels priority sections and their H3 areas', () => {
    // 3 priority labels (high, medium, low) + 12 areas (3 + 4 + 3 under the priority sections,
    // Microservices Split and Database Schema under Architecture Improvements) = 15, + roadmap = 16.
    expect(distinctLabels(file)).toHaveLength(15);
    expect(byTitle(file, 'Add HTTPS support for dashboard').labels).toEqual(['priority: high', 'Security Enhancements']);
    expect(byTitle(file, 'Achievement system').labels).toEqual(['priority: medium', 'Game Enhancements']);
    // "Low Priority / Nice to Have" is one priority: low
    expect(byTitle(file, 'TypeScript migration').labels).toEqual(['priority: low', 'Developer Experience']);
    expect(byTitle(file, 'Public plugin repository').labels).toEqual([]);
    const roadmap = parseRoadmap([{ path: 'seeds/001.md', text: seed('001_09ce0ff9edf03996.txt') }], DEFAULT_CONFIG);
    expect(roadmap.labels).toHaveLength(16);
    expect(roadmap.labels.find((l) => l.name === 'priority: high')?.color).toBe(DEFAULT_CONFIG.labels.colors.priority);
    expect(roadmap.labels.find((l) => l.name === 'Performance')?.color).toBe(DEFAULT_CONFIG.labels.colors.area);
  });

  it('reads numbered lead-in lists and task checkboxes', () => {
    // "**Bot Service** - Discord interactions": the bold lead is the title, the rest goes to the body
    const bot = byTitle(file, 'Bot Service');
    expect(bot.text).toBe('**Bot Service** - Discord interactions');
    expect(bot.milestone).toBe('Architecture Improvements');
    expect(bot.labels).toEqual(['Microservices Split']);
    expect(byTitle(file, 'Add Redis caching layer').checkbox).toBe('unchecked');
    expect(byTitle(file, 'Add proper migrations system').checkbox).toBe('none');
  });

  it('keeps "Plugin marketplace" twice with different keys', () => {
    const twins = file.items.filter((i) => i.title === 'Plugin marketplace');
    expect(twins).toHaveLength(2);
    expect(new Set(twins.map((i) => i.key)).size).toBe(2);
    expect(twins.map((i) => i.milestone)).toEqual([null, 'v2.0']);
  });
});

describe('seed 002: Lumina Host improvements (numbered H2 sections, priority recommendations)', () => {
  const file = parse('002_3d79c40ae97b78a9.txt');

  it('finds 154 items', () => {
    // 1. Performance 5+5+5+5 = 20; 2. Security 6+8+5 = 19; 3. Features 7+6+6+7 = 26;
    // 4. UI/UX 4+4+4 = 12; 5. DevOps 4+4+4+4 = 16; 6. Code Quality 4+3+4+4 = 15;
    // 7. API 6+3+3 = 12; 8. Documentation 4+4+4 = 12; 9. Schema 7+3+5 = 15; 10. Storage 4+3 = 7
    // → 154. Priority Recommendations (3 numbered lists of 5) paraphrase items above
    // ("Redis caching layer", "GraphQL API"): a ranking, not work of its own.
    // "Implementation Notes" (7 guideline bullets) is not work: skipped.
    expect(file.items).toHaveLength(154);
    expect(file.items.some((i) => i.title === 'Redis caching layer')).toBe(false);
    expect(file.items.some((i) => i.title === 'Maintain backward compatibility where possible')).toBe(false);
    expect(file.items.every((i) => i.parent === null)).toBe(true);
  });

  it('makes the ten numbered sections milestones, numbering dropped', () => {
    expect(file.milestones).toHaveLength(10);
    expect(file.milestones[0]?.title).toBe('Performance & Scalability');
    expect(file.milestones[9]?.title).toBe('Storage Integration');
  });

  it('labels 33 H3 areas', () => {
    // H3s with items: 4+3+4+3+4+4+3+3+3+2 = 33 areas, all distinct (+ roadmap = 34); the priority
    // headings only ranked the recommendations, which are not items.
    expect(distinctLabels(file)).toHaveLength(33);
    const tags = byTitle(file, 'tags - for image tagging system');
    expect(tags.text).toBe('`tags` - for image tagging system');
    expect(tags.labels).toEqual(['New Tables']);
    expect(tags.milestone).toBe('Database Schema Improvements');
  });
});

describe('seed 003: product vision (bold-titled features, Goal/Actions context bullets)', () => {
  const file = parse('003_4b2d3b25416997be.txt');

  it('finds 45 items', () => {
    // "1. Purpose" is skipped (prose only anyway).
    // 2. Planned Technical Enhancements: 10 bold features with 1+1+1+2+3+1+2+2+1+1 = 15 sub-bullets = 25.
    // 3. API Adoption: Goal bullets are context; the "Actions:" bullet is context but its nested
    //    bullets are items: 3 (3.1) + 3 (3.2) + 4 (3.3) + 2 (3.4) = 12; 3.5 has only Goal/Vision/
    //    Synergy context = 0.
    // 4. General Architectural Principles: 4 + 4 = 8.   25 + 12 + 8 = 45.
    expect(file.items).toHaveLength(45);
    expect(file.items.filter((i) => i.parent === null)).toHaveLength(30);
    expect(file.items.some((i) => /^(Goal|Vision|Synergy|Actions)\b/.test(i.title))).toBe(false);
  });

  it('drops the trailing colon of bold titles and keeps angle-bracket placeholders', () => {
    const sec = byTitle(file, 'Advanced Admin Endpoint Security');
    expect(sec.children).toHaveLength(1);
    expect(byTitle(file, 'Full <Service Provider> Integration & Library Sync').children).toHaveLength(2);
    expect(byTitle(file, 'Enhanced Download & Job Management').children).toHaveLength(3);
  });

  it('lifts the children of an "Actions:" context bullet into the section', () => {
    const sdk = byTitle(file, 'Provide ready-made SDKs or client libraries for popular languages (e.g., Python, JavaScript, Go).');
    expect(sdk.parent).toBeNull();
    expect(sdk.milestone).toBe('API Adoption & Usability Philosophy');
    expect(sdk.labels).toEqual(['Crazy Simple Usage']);
    // "**Transparency:** Provide …": the bold lead is the title
    expect(byTitle(file, 'Transparency').labels).toEqual([
      'Competitive Differentiators',
    ]);
  });

  it('puts Goal, Vision and Synergy context into the milestone description', () => {
    // milestones: Planned Technical Enhancements, API Adoption & Usability Philosophy,
    // General Architectural Principles ("Purpose" is skipped and has no items).
    expect(file.milestones.map((m) => m.title)).toEqual([
      'Planned Technical Enhancements',
      'API Adoption & Usability Philosophy',
      'General Architectural Principles',
    ]);
    const description = file.milestones[1]?.description ?? '';
    expect(description).toContain('**Goal:** Minimize setup and authentication friction.');
    expect(description).toContain('**Vision:**');
    expect(description).toContain('**Synergy:**');
    expect(description).not.toContain('**Actions:**');
  });

  it('labels only the H3 areas that hold items', () => {
    // 3.1–3.4 (3.5 has no items) + Unified Database Layer + Unified Provider Abstraction Layer = 6
    expect(distinctLabels(file)).toEqual([
      'Crazy Simple Usage',
      'Feature-Rich Beyond a Standard API',
      'Competitive Differentiators',
      'Pragmatic Documentation & Support',
      'Unified Database Layer',
      'Unified Provider Abstraction Layer',
    ]);
  });
});

describe('seed 004: Campfire backlog (phases × areas × priorities, bold features with sub-bullets)', () => {
  const file = parse('004_b8f00627e447448f.txt');

  it('finds 40 features and 159 sub-bullets', () => {
    // Phase 2: API Strategy 4 features (4+4+4+3 subs), Observability 4 (4 each), Security 4 (4 each),
    //   Testing 3 (4 each) → 15 features, 59 subs.
    // Phase 3: Architecture Evolution 4, Performance 3, Real-Time 2 → 9 features × 4 = 36 subs.
    // Phase 4: Enterprise 3, Integration 3, Deployment 3 → 9 features × 4 = 36 subs.
    // Technical Debt: 4 features × 4; Research: 3 features × 4.
    // Features: 15 + 9 + 9 + 4 + 3 = 40; subs: 59 + 36 + 36 + 16 + 12 = 159; 199 items.
    // "Overview", "Prioritization Framework" (a legend of P0–P3 and review rules) and "Notes" are skipped.
    expect(file.items.filter((i) => i.parent === null)).toHaveLength(40);
    expect(file.items.filter((i) => i.parent !== null)).toHaveLength(159);
    expect(file.items.some((i) => i.title.startsWith('P0 (Critical)'))).toBe(false);
  });

  it('uses the phase headings as milestones and the other H2s by level', () => {
    expect(file.milestones.map((m) => m.title)).toEqual([
      'Phase 2: Production Readiness Enhancements (Months 3-6)',
      'Phase 3: Scalability & Advanced Features (Months 6-12)',
      'Phase 4: Enterprise & Advanced Features (Months 12-18)',
      'Technical Debt & Refactoring Backlog',
      'Research & Exploration Items',
    ]);
  });

  it('gives H3 areas and H4 priorities to features and their children', () => {
    // 14 areas (4 + 3 + 3 + 2 + 2) + priority high/medium/low = 17 labels (+ roadmap = 18).
    expect(distinctLabels(file)).toHaveLength(17);
    const openapi = byTitle(file, 'OpenAPI Contract-First Development');
    expect(openapi.labels).toEqual(['priority: high', 'API Strategy & Contract Management']);
    expect(openapi.children).toHaveLength(4);
    const utoipa = byTitle(file, 'Implement utoipa for auto-generating OpenAPI specs from Rust code');
    expect(parentOf(file, utoipa)?.key).toBe(openapi.key);
    expect(utoipa.labels).toEqual(openapi.labels);
    expect(utoipa.milestone).toBe('Phase 2: Production Readiness Enhancements (Months 3-6)');
    expect(byTitle(file, 'Compliance & Governance').labels).toEqual(['priority: low', 'Enterprise Features']);
    expect(byTitle(file, 'Rust Code Optimization').labels).toEqual(['Code Quality Improvements']);
  });
});

describe('all seeds together', () => {
  it('merges milestones by title and labels by name', () => {
    const names = [
      '000_73e3fa0e1b9c444b.txt',
      '001_09ce0ff9edf03996.txt',
      '002_3d79c40ae97b78a9.txt',
      '003_4b2d3b25416997be.txt',
      '004_b8f00627e447448f.txt',
    ];
    const roadmap = parseRoadmap(
      names.map((n) => ({ path: `seeds/${n}`, text: seed(n) })),
      DEFAULT_CONFIG,
    );
    expect(roadmap.items).toHaveLength(92 + 81 + 154 + 45 + 199);
    // 5 + 5 + 10 + 3 + 5 = 28 milestone titles, all distinct across the seeds
    expect(roadmap.milestones).toHaveLength(28);
    const names2 = roadmap.labels.map((l) => l.name.toLowerCase());
    expect(new Set(names2).size).toBe(names2.length);
    expect(roadmap.labels[0]?.name).toBe('roadmap');
    // "Developer Experience" (seeds 001 and 004) and "Performance"/"Architecture Improvements" … merge
    expect(roadmap.labels.filter((l) => l.name === 'Developer Experience')).toHaveLength(1);
    for (const item of roadmap.items) expect(item.labels).not.toContain('roadmap');
  });
});
