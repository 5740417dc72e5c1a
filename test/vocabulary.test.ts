import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { classifyHeading, cleanHeadingText } from '../src/core/roadmap/classify.js';
import { isBoardStage, isContextLabel, isDefinedTerm, isStage, nonWorkSection, priorityOf } from '../src/core/roadmap/vocabulary.js';

const kind = (heading: string): string => {
  const k = classifyHeading(cleanHeadingText(heading), DEFAULT_CONFIG);
  return k.kind === 'priority' ? `priority:${k.priority}` : k.kind;
};

describe('priorities in ten languages', () => {
  it.each([
    ['High Priority', 'high'],
    ['Yüksek Öncelik (Kritik)', 'high'],
    ['Prioridad Alta', 'high'],
    ['Priorité haute', 'high'],
    ['Hohe Priorität', 'high'],
    ['Prioridade 2', 'p2'],
    ['Priorità bassa', 'low'],
    ['Высокий приоритет', 'high'],
    ['優先度：高', 'high'],
    ['高优先级', 'high'],
    ['P0', 'p0'],
    ['Critical', 'critical'],
    ['Must Have', 'must have'],
    ['Nice to Have', 'nice to have'],
  ])('%j → %j', (heading, level) => {
    expect(priorityOf(heading)).toBe(level);
    expect(kind(heading)).toBe(`priority:${level}`);
  });

  it('does not read words that merely start like a level', () => {
    expect(priorityOf('Highlights')).toBeNull();
    expect(priorityOf('Low-level API')).toBeNull();
    expect(priorityOf('Top-level navigation')).toBeNull();
    expect(kind('Highlights')).toBe('plain');
  });
});

describe('stages', () => {
  it.each(['Next', 'Later', 'En progreso', 'Terminé', 'In Arbeit', 'Tamamlananlar', 'В работе', '進行中', '已完成', 'Backlog'])('%j is a milestone', (heading) => {
    expect(isStage(heading)).toBe(true);
    expect(kind(heading)).toBe('release');
  });
});

describe('sections that are not work', () => {
  it.each([
    ['Table of Contents', 'table of contents'],
    ['İçindekiler', 'table of contents'],
    ['目录', 'table of contents'],
    ['Содержание', 'table of contents'],
    ['Inhaltsverzeichnis', 'table of contents'],
    ['📚 Índice', 'table of contents'],
    ['Legend', 'legend'],
    ['Leyenda', 'legend'],
    ['Changelog', 'changelog'],
    ['Notas', 'notes'],
    ['Références', 'references'],
    ['Contribuir', 'contributing'],
    ['参与贡献', 'contributing'],
    ['Lizenz', 'license'],
    ['Introducción', 'overview'],
    ['概要', 'overview'],
  ])('%j is a %s', (heading, what) => {
    expect(nonWorkSection(cleanHeadingText(heading))).toBe(what);
    expect(kind(heading)).toBe('skip');
  });

  it('keeps work sections that contain such words', () => {
    expect(nonWorkSection('Notes app sync')).toBeNull();
    expect(kind('License server')).toBe('plain');
  });
});

describe('board words and the newer non-work sections', () => {
  it('knows kanban columns and done words from the one table', () => {
    for (const column of ['WIP', 'In Review', 'Blocked', 'Por hacer', '未着手', 'Done', 'Erledigt', 'Next', 'En progreso']) expect(isBoardStage(column), column).toBe(true);
    for (const column of ['Owner', 'Notes', 'Feature']) expect(isBoardStage(column), column).toBe(false);
  });

  it('reads strengths, weaknesses and the document\'s upkeep as not work, Korean priorities as levels', () => {
    expect(nonWorkSection('Strengths')).toBe('assessment');
    expect(nonWorkSection('✅ 강점')).toBe('assessment');
    expect(nonWorkSection('Proceso de Actualización')).toBe('process');
    expect(priorityOf('높음')).toBe('high');
    expect(priorityOf('낮음')).toBe('low');
    expect(isContextLabel('Tracking issues:')).toBe(true);
    expect(isDefinedTerm('Not Started')).toBe(true);
  });

  it('reads a trends survey as not work, in any language, years or not; competition analysis stays (its gaps are work)', () => {
    expect(nonWorkSection('Industry Trends')).toBe('trends');
    expect(nonWorkSection('2025-2026 보안 분석 트렌드')).toBe('trends');
    expect(nonWorkSection('AI security trends')).toBe('trends');
    expect(nonWorkSection('Tendencias')).toBe('trends');
    expect(nonWorkSection('Trends dashboard widget')).toBeNull();
    expect(nonWorkSection('Competitive analysis')).toBeNull();
  });
});
