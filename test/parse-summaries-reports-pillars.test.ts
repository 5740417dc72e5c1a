import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { RoadmapFile } from '../src/core/roadmap/model.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';

/**
 * Three readings of lists that describe rather than ask: a priority summary that paraphrases items
 * listed elsewhere, a term list that reports what a finished feature delivered, and the pillars of
 * a vision. Each has a counterpart that is work and must stay items.
 */
const parse = (text: string): RoadmapFile => parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG);
const titles = (file: RoadmapFile): string[] => file.items.map((i) => i.title);

const features = `# Photo Vault

## Storage
- Replace SQLite with PostgreSQL for production
- Add Redis-based caching for API responses
- Add S3 integration (boto3)

## Features
- Add image editing: crop, rotate, filters
- Add PWA support (service worker, manifest)
- Add GraphQL API (Ariadne)
`;

describe('priority summaries that paraphrase items', () => {
  it('drops a "Priority Recommendations" section whose entries echo items listed above', () => {
    const file = parse(`${features}
## Priority Recommendations

### High Priority (Immediate Impact)
1. PostgreSQL migration for production
2. Redis caching layer

### Low Priority
1. GraphQL API
2. Image editing features
3. PWA support
`);
    expect(titles(file)).toEqual([
      'Replace SQLite with PostgreSQL for production',
      'Add Redis-based caching for API responses',
      'Add S3 integration (boto3)',
      'Add image editing: crop, rotate, filters',
      'Add PWA support (service worker, manifest)',
      'Add GraphQL API (Ariadne)',
    ]);
    expect(file.milestones.map((m) => m.title)).toEqual(['Storage', 'Features']);
  });

  it('reads the same in Spanish ("Prioridades") and keeps a ranking of new work', () => {
    const spanish = parse(`# Plan

## Almacenamiento
- Migrar de SQLite a PostgreSQL en producción
- Caché con Redis para las respuestas

## Prioridades
### Alta
1. Migración a PostgreSQL
2. Redis como caché
3. Nuevo panel de estadísticas
`);
    expect(titles(spanish)).toEqual(['Migrar de SQLite a PostgreSQL en producción', 'Caché con Redis para las respuestas']);

    // a ranking of work found nowhere else is the work itself
    const ranked = parse(`${features}
## Priorities
### High
1. Offline mode for the mobile client
2. Two-factor authentication
3. Audit trail of admin actions
`);
    expect(titles(ranked)).toContain('Two-factor authentication');
    expect(ranked.items).toHaveLength(9);
  });

  it('keeps a release heading that merely mentions priorities', () => {
    const file = parse(`${features}
## v1.1 Planning (Post-Launch Priorities)
- PostgreSQL read replicas
- Redis cluster support
- GraphQL subscriptions
`);
    expect(file.milestones.map((m) => m.title)).toContain('v1.1 Planning (Post-Launch Priorities)');
    expect(file.items).toHaveLength(9);
  });
});

describe('reports under a heading marked done', () => {
  it('puts a term list under "… ✅" in the body, and keeps the same list under an open heading', () => {
    const done = parse(`# Roadmap

## Shipped (v0.14)

### ML-based detection ✅
- **Result**: false positive rate under 15 %
- **Tests**: 20+ test cases

## Next
- [ ] SARIF export
- [ ] Jenkins plugin
`);
    expect(titles(done)).toEqual(['SARIF export', 'Jenkins plugin']);

    const open = parse(`# Roadmap

## Next

### ML-based detection
- **Model**: train a classifier on labelled findings
- **Filter**: drop findings below the threshold
`);
    expect(titles(open)).toEqual(['Model', 'Filter']);
  });

  it('reads Korean and German done marks alike, but never a checkbox list', () => {
    const korean = parse(`# 로드맵

## 구현 완료 기능

#### 4.2 LLM 통합 보안 분석 ✅ DONE
- **API**: Groq LLM
- **테스트**: 20+ test cases

## 다음 단계
- [ ] Azure DevOps
`);
    expect(titles(korean)).toEqual(['Azure DevOps']);

    const tasks = parse(`# Fahrplan

## Export ✅
- [x] **CSV**: Export als CSV
- [ ] **PDF**: Export als PDF
`);
    expect(titles(tasks)).toEqual(['CSV', 'PDF']);
  });
});

describe('the pillars of a vision', () => {
  it('puts a vision section\'s term list in the description and keeps its plain bullets as work', () => {
    const file = parse(`# Roadmap

## Next
- [ ] Mobile app
- [ ] Backtesting

## Long-term Vision

> The only tool a trader needs besides the broker.

**Centralize:**

1. 📝 **Past** - journal and trade analysis
2. 📋 **Present** - trading plan and checklists
3. 🔬 **Future** - backtesting and study

- Plugin marketplace
`);
    expect(titles(file)).toEqual(['Mobile app', 'Backtesting', 'Plugin marketplace']);
    expect(file.milestones.find((m) => m.title === 'Long-term Vision')?.description).toContain('**Past** - journal and trade analysis');
  });

  it('reads "Visão de Longo Prazo" and "ビジョン" the same, and leaves term lists elsewhere alone', () => {
    const portuguese = parse(`# Roadmap

## Futuro
- [ ] App mobile

## Visão de Longo Prazo
1. **Passado** - Diário e análise de trades
2. **Presente** - Plano de trading
`);
    expect(titles(portuguese)).toEqual(['App mobile']);

    const japanese = parse(`# ロードマップ

## ビジョン
- **速さ**: 1秒以内に起動
- **安心**: データは手元に

## 次
- [ ] 同期機能
`);
    expect(titles(japanese)).toEqual(['同期機能']);

    const features = parse(`# Roadmap

## Next
- **Plugins**: let third parties extend the editor
- **Themes**: a theme editor
`);
    expect(titles(features)).toEqual(['Plugins', 'Themes']);
  });
});

describe('differentiators said of the product itself', () => {
  it('skips "Our differentiators" / "Nossos Diferenciais" and keeps "Competitive Differentiators" to build', () => {
    const ours = parse(`# Roadmap

## Competitive analysis

### Nossos Diferenciais
1. **Playbooks estruturados** - Nenhum concorrente tem
2. **UX moderna** - Design neon premium

### Gaps a Fechar
1. **Auto-import** - Prioridade Q1 2026
2. **Backtesting** - Estudar viabilidade
`);
    expect(titles(ours)).toEqual(['Auto-import', 'Backtesting']);

    const toBuild = parse(`# Roadmap

## Competitive Differentiators
- Provide clear audit logs and job state visibility
- Offer background processing for long-running tasks
`);
    expect(toBuild.items).toHaveLength(2);
  });
});

describe('the same work under two releases', () => {
  const roadmap = `# Store roadmap

### Store 2.3alpha (November)
- v3 API preview
- basic runtime metrics
- better backend

### Store 2.3 (December)
- v3 API preview
- better backend
- watch API

### Highlights
- v3 API preview
- basic runtime metrics
`;

  it('keeps both releases\' lists: work planned for two versions is no summary', () => {
    const file = parse(roadmap);
    expect(file.milestones.map((m) => m.title)).toEqual(['Store 2.3alpha (November)', 'Store 2.3 (December)']);
    expect(file.items.filter((i) => i.milestone === 'Store 2.3 (December)').map((i) => i.title)).toEqual([
      'v3 API preview',
      'better backend',
      'watch API',
    ]);
  });

  it('still drops a list restating items under one release, or outside any', () => {
    const file = parse(roadmap);
    expect(file.milestones.map((m) => m.title)).not.toContain('Highlights');
    const sameRelease = parse(`# Plan

## v1.0 Success Criteria
- Modular extraction strategies
- Adaptive strategy selection per content type

## v1.0 Must Have
- [x] Modular extraction strategies
- [x] Adaptive strategy selection per content type
`);
    expect(sameRelease.items).toHaveLength(2);
  });
});

describe('what the roadmap says will not be done', () => {
  it('skips "Out of scope", "Non-goals" and their kin in other languages', () => {
    for (const heading of ['Out of scope', 'Non-Goals', "Won't do", 'Fuera de alcance', 'Hors périmètre', 'Nicht geplant', 'Fora do escopo', 'Kapsam dışı', 'Не планируется', 'スコープ外', '非目标', '범위 밖']) {
      const file = parse(`# Plan\n\n## Next\n- [ ] Plugin API\n\n## ${heading}\n- Mobile app\n- Blockchain sync\n`);
      expect(file.items.map((i) => i.title), heading).toEqual(['Plugin API']);
    }
  });
});
