/**
 * The words roadmaps use for priorities, stages and sections that are not work, in English,
 * Spanish, French, German, Portuguese, Italian, Turkish, Russian, Japanese, Chinese (and Korean
 * where it was met). One table, read by the classifier: it applies on top of the config's pattern
 * lists (`headings.priority`, `headings.milestone`, `skip.sections`), which only add to it.
 *
 * Entries are lowercase; texts are compared after NFKC, lowercasing, emoji and punctuation removal.
 */
import { alternation, CJK_CHAR, CJK_SCRIPTS, stripEmoji } from './char-classes.js';

/** Priority level words → the canonical level used in `priority: …` labels. */
export const PRIORITY_LEVELS: Readonly<Record<string, readonly string[]>> = {
  critical: ['critical', 'crítica', 'crítico', 'critica', 'critico', 'critique', 'kritisch', 'kritik', 'критический', 'критическая', 'критично', '最重要', '关键', '緊急度高', '치명적'],
  urgent: ['urgent', 'urgente', 'dringend', 'acil', 'срочно', 'срочный', '緊急', '紧急', '긴급'],
  top: ['top'],
  highest: ['highest', 'máxima', 'maxima', 'höchste', 'en yüksek', 'наивысший', '最優先', '最高'],
  high: ['high', 'alta', 'alto', 'haute', 'élevée', 'elevee', 'hoch', 'hohe', 'yüksek', 'высокий', 'высокая', '高', '높음'],
  medium: ['medium', 'normal', 'media', 'medio', 'média', 'moyenne', 'mittel', 'mittlere', 'orta', 'средний', 'средняя', '中', '중간', '보통'],
  low: ['low', 'lowest', 'baja', 'bajo', 'baixa', 'baixo', 'basse', 'faible', 'niedrig', 'niedrige', 'bassa', 'basso', 'düşük', 'низкий', 'низкая', '低', '낮음'],
};

/** Words meaning "priority" itself. */
export const PRIORITY_WORDS: readonly string[] = [
  'priority', 'priorities', 'prioridad', 'prioridades', 'prioridade', 'prioridades', 'priorité', 'priorités', 'priorite',
  'priorität', 'prioritäten', 'priorita', 'priorità', 'prioritet', 'priorytet', 'öncelik', 'öncelikli', 'önceliği',
  'önceliğe', 'приоритет', 'приоритета', 'приоритетом', '優先度', '優先', '优先级', '优先', '우선순위',
];

/** MoSCoW and "nice to have" in the languages above → canonical. */
export const MOSCOW: Readonly<Record<string, readonly string[]>> = {
  'must have': ['must have', 'must-have', 'must', 'imprescindible', 'obligatorio', 'indispensable', 'muss', 'obrigatório', 'olmazsa olmaz', 'обязательно', '必須', '必须'],
  'should have': ['should have', 'should-have', 'should', 'soll', 'debería', 'deveria'],
  'could have': ['could have', 'could-have', 'could', 'kann', 'podría'],
  'nice to have': ['nice to have', 'nice-to-have', 'deseable', 'opcional', 'souhaitable', 'wünschenswert', 'desejável', 'opzionale', 'olsa iyi olur', 'желательно', 'あると良い', '可选'],
};

/** Stages and horizons: a heading naming one is a milestone ("Next", "En progreso", "進行中"). */
export const STAGES: readonly string[] = [
  // en
  'now', 'next', 'later', 'soon', 'future', 'backlog', 'done', 'completed', 'complete', 'in progress', 'planned',
  'up next', 'under consideration', 'icebox', 'recently completed', 'near term', 'mid term', 'medium term', 'long term',
  'short term', 'todo', 'to do', 'doing', 'shipped', 'released', 'upcoming', 'not started', 'in design', 'in review',
  // es
  'ahora', 'próximo', 'próximos', 'siguiente', 'después', 'más adelante', 'futuro', 'pendiente', 'pendientes', 'hecho',
  'completado', 'completada', 'completadas', 'completados', 'en progreso', 'en curso', 'planificado', 'planeado', 'corto plazo', 'medio plazo', 'largo plazo',
  // pt
  'agora', 'depois', 'concluído', 'concluídos', 'feito', 'em andamento', 'em progresso', 'planejado', 'pendente', 'curto prazo', 'médio prazo', 'longo prazo',
  // fr
  'maintenant', 'prochainement', 'prochain', 'plus tard', 'futur', 'terminé', 'fait', 'en cours', 'prévu', 'planifié', 'à faire', 'court terme', 'moyen terme', 'long terme',
  // de
  'jetzt', 'als nächstes', 'nächste schritte', 'später', 'zukunft', 'erledigt', 'fertig', 'abgeschlossen', 'in arbeit', 'in bearbeitung', 'geplant', 'offen', 'kurzfristig', 'mittelfristig', 'langfristig',
  // it
  'adesso', 'prossimo', 'prossimamente', 'dopo', 'completato', 'fatto', 'in corso', 'pianificato', 'da fare', 'breve termine', 'medio termine', 'lungo termine',
  // tr
  'şimdi', 'sonraki', 'sonra', 'gelecek', 'tamamlandı', 'tamamlanan', 'tamamlananlar', 'devam eden', 'devam ediyor', 'planlanan', 'bekleyen', 'yapılacaklar', 'kısa vadeli', 'orta vadeli', 'uzun vadeli',
  // ru
  'сейчас', 'далее', 'следующие шаги', 'следующий', 'позже', 'будущее', 'бэклог', 'готово', 'выполнено', 'завершено', 'в работе', 'в процессе', 'запланировано', 'краткосрочные', 'среднесрочные', 'долгосрочные',
  // ja
  '完了', '完了済み', '進行中', '予定', '計画中', '次', '今後', '将来', 'バックログ', '短期', '中期', '長期', '次のマイルストーン',
  // zh
  '已完成', '完成', '进行中', '计划中', '下一步', '以后', '未来', '待办', '短期目标', '中期目标', '长期目标',
];

/**
 * Board columns that are stages but no horizon a heading would name (kanban tables: `WIP | Review
 * | Blocked`); a table's stage columns are these, the STAGES above and the DONE_WORDS below.
 */
export const BOARD_STAGES: readonly string[] = [
  'wip', 'review', 'blocked', 'someday', 'exploring', 'research', 'ideas', 'considering',
  'por hacer', 'a faire', 'zu erledigen', 'a fazer', 'yapılacak', 'planlandı', 'сделать', '未着手',
];

/** A status (table cell, kanban column, legend term) that means the work is done. */
export const DONE_WORDS: readonly string[] = [
  'done', 'shipped', 'completed', 'complete', 'finished', 'released', 'delivered', 'closed', 'resolved', 'live', 'merged',
  'hecho', 'completado', 'completada', 'terminado', 'terminada', 'finalizado', 'listo', 'entregado',
  'terminé', 'termine', 'terminée', 'fait', 'achevé', 'livré', 'erledigt', 'fertig', 'abgeschlossen', 'umgesetzt',
  'concluído', 'concluido', 'feito', 'pronto', 'entregue', 'tamamlandı', 'tamamlandi', 'bitti', 'готово', 'выполнено', 'завершено', 'сделано',
  '完了', '済', '完成', '已完成', '완료', '100%',
];

/** Headings of finished work besides the done words: `Recently completed`, `Concluídos`, `完了済み`. */
const DONE_SECTIONS: readonly string[] = [
  'recently completed', 'recently shipped', 'already done', 'already implemented', 'implemented', 'completed features', 'shipped features',
  'completados', 'completadas', 'terminados', 'implementado', 'implementados', 'terminés', 'terminées', 'réalisé', 'réalisés',
  'umgesetzt', 'bereits umgesetzt', 'erledigt', 'concluídos', 'concluídas', 'implementados', 'completati', 'completate', 'realizzati',
  'tamamlananlar', 'tamamlanan', 'выполненные', 'реализовано', '完了済み', '実装済み', '已实现', '已完成功能', '구현 완료', '완료된 기능',
];
const doneHeadingSet = new Set([...DONE_WORDS, ...DONE_SECTIONS]);

/** A heading that names finished work as a whole (`Done`, `Completed`, `Shipped`, `Concluído (2024-2025)`, `完了済み`). */
export function isDoneSection(text: string): boolean {
  return doneHeadingSet.has(vocabularyForm(text.length > 200 ? text.slice(0, 200) : text).replace(/\s*[(（].*$/u, ''));
}

/** Section names that are not work: their lists never become issues. */
export const NON_WORK_SECTIONS: Readonly<Record<string, readonly string[]>> = {
  'table of contents': [
    'table of contents', 'contents', 'toc', 'índice', 'indice', 'tabla de contenidos', 'contenido', 'contenidos', 'table des matières',
    'sommaire', 'inhaltsverzeichnis', 'inhalt', 'sumário', 'conteúdo', 'sommario', 'içindekiler', 'содержание', 'оглавление', '目次', '目录', '目錄', '목차',
  ],
  legend: ['legend', 'key', 'leyenda', 'légende', 'legende', 'legenda', 'gösterge', 'lejant', 'легенда', 'условные обозначения', '凡例', '图例', '범례'],
  changelog: [
    'changelog', 'change log', 'history', 'revision history', 'registro de cambios', 'historial', 'historique', 'journal des modifications',
    'änderungsprotokoll', 'änderungen', 'histórico', 'registro delle modifiche', 'değişiklik günlüğü', 'sürüm geçmişi', 'журнал изменений', 'история изменений',
    '変更履歴', '更新履歴', '更新日志', '变更日志', '변경 이력',
  ],
  notes: ['notes', 'note', 'notas', 'nota', 'remarques', 'notizen', 'anmerkungen', 'hinweise', 'notlar', 'заметки', 'примечания', 'メモ', '備考', '注意事項', '备注', '注意事项', '참고'],
  references: [
    'references', 'reference', 'see also', 'links', 'resources', 'referencias', 'enlaces', 'recursos', 'références', 'liens', 'ressources',
    'referenzen', 'quellen', 'siehe auch', 'referências', 'riferimenti', 'risorse', 'kaynaklar', 'referanslar', 'ссылки', 'источники',
    '参考', '参考資料', '参考资料', '参考文献', '相关链接', '참고 자료',
  ],
  contributing: [
    'contributing', 'how to contribute', 'contribute', 'contribuir', 'cómo contribuir', 'contribuciones', 'contribuer', 'contribution', 'contributions',
    'mitwirken', 'beitragen', 'contribuindo', 'como contribuir', 'contribuire', 'katkıda bulunma', 'katkı', 'участие', 'как помочь', '貢献',
    'コントリビュート', '贡献', '参与贡献', '贡献指南', '기여', '기여 및 피드백', 'feedback', 'contact',
  ],
  license: ['license', 'licence', 'licencia', 'lizenz', 'licença', 'licenza', 'lisans', 'лицензия', 'ライセンス', '许可证', '许可', '라이선스'],
  overview: [
    'overview', 'introduction', 'intro', 'purpose', 'about', 'summary', 'background', 'motivation', 'resumen', 'introducción', 'propósito',
    'descripción general', 'visión general', 'aperçu', 'présentation', 'objectif', 'überblick', 'übersicht', 'einleitung', 'einführung', 'zweck',
    'visão geral', 'introdução', 'resumo', 'panoramica', 'introduzione', 'scopo', 'genel bakış', 'giriş', 'amaç', 'özet', 'обзор', 'введение', 'цель',
    '概要', 'はじめに', '目的', '概述', '简介', '介绍', '概览', '개요', '프로젝트 개요',
  ],
  process: [
    'update process', 'how to update', 'how to use this document', 'maintaining this document', 'proceso de actualización', 'cómo actualizar',
    'processus de mise à jour', 'aktualisierungsprozess', 'processo de atualização', 'processo di aggiornamento', 'güncelleme süreci',
    'процесс обновления', '更新プロセス', '更新流程',
  ],
  assessment: [
    'strengths', 'weaknesses', 'swot', 'fortalezas', 'debilidades', 'forces', 'faiblesses', 'points forts', 'points faibles', 'stärken',
    'schwächen', 'pontos fortes', 'pontos fracos', 'punti di forza', 'punti deboli', 'güçlü yönler', 'zayıf yönler', 'сильные стороны',
    'слабые стороны', '強み', '弱み', '优势', '劣势', '강점', '약점',
    // what the product already has over others, said of itself ("Competitive Differentiators" to build stays work)
    'our differentiators', 'what sets us apart', 'what makes us different', 'why us', 'our strengths', 'our advantages', 'unique selling points',
    'nuestros diferenciadores', 'nuestros diferenciales', 'nuestras ventajas', 'nos différenciateurs', 'nos atouts', 'nos points forts',
    'unsere alleinstellungsmerkmale', 'unsere stärken', 'unsere vorteile', 'nossos diferenciais', 'nossas vantagens', 'nossos pontos fortes',
    'i nostri punti di forza', 'i nostri vantaggi', 'farklarımız', 'güçlü yanlarımız', 'наши преимущества', 'наши отличия', '私たちの強み',
    '当社の強み', '我们的优势', '我们的差异化', '우리의 차별점', '우리의 강점',
  ],
  glossary: ['glossary', 'glosario', 'glossaire', 'glossar', 'glossário', 'glossario', 'sözlük', 'глоссарий', '用語集', '术语表'],
  // what the roadmap says will not be done: filing it as work would say the opposite
  'out of scope': [
    'out of scope', 'explicitly out of scope', 'not in scope', 'non goals', 'nongoals', 'anti goals', 'not planned', "won't do", 'won’t do',
    'wont do', 'will not do', 'not doing', 'rejected ideas', 'fuera de alcance', 'fuera del alcance', 'no objetivos', 'no planificado',
    'hors périmètre', 'hors du périmètre', 'hors champ', 'non objectifs', 'non prévu', 'nicht im umfang', 'außerhalb des umfangs',
    'nicht geplant', 'nicht ziele', 'fora do escopo', 'fora de escopo', 'não objetivos', 'não planejado', 'fuori ambito', 'fuori dal perimetro',
    'non obiettivi', 'non previsto', 'kapsam dışı', 'hedef dışı', 'planlanmayan', 'вне рамок', 'вне области', 'не входит в рамки', 'не цели',
    'не планируется', 'スコープ外', '対象外', '非目標', 'やらないこと', '范围外', '不在范围内', '非目标', '不做', '범위 외', '범위 밖', '비목표',
    '하지 않을 것',
  ],
  // A survey of the field. Not "competitive analysis": the gaps to close found there are work.
  trends: [
    'trends', 'industry trends', 'market trends', 'technology trends', 'tendencias', 'tendances', 'trends und entwicklungen', 'markttrends',
    'tendências', 'tendenze', 'trendler', 'тренды', 'тенденции', 'トレンド', '趋势', '트렌드',
  ],
};

/** A text as the tables hold it: NFKC, lowercase, no emoji, no surrounding punctuation, spaces collapsed. */
export function vocabularyForm(text: string): string {
  return stripEmoji(text.normalize('NFKC').replace(/İ/gu, 'i').toLowerCase())
    .replace(/[_\-‐–—]+/gu, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
    .replace(/\s+/gu, ' ');
}

const levelIndex = new Map<string, string>();
for (const [level, words] of Object.entries(PRIORITY_LEVELS)) for (const w of words) levelIndex.set(w, level);
const moscowIndex = new Map<string, string>();
for (const [level, words] of Object.entries(MOSCOW)) for (const w of words) moscowIndex.set(w, level);
const priorityWords = new Set(PRIORITY_WORDS);
const stageSet = new Set(STAGES);
const boardStageSet = new Set([...STAGES, ...BOARD_STAGES, ...DONE_WORDS]);
const nonWorkIndex = new Map<string, string>();
for (const [kind, words] of Object.entries(NON_WORK_SECTIONS)) for (const w of words) nonWorkIndex.set(w, kind);

const LEVEL_ALT = alternation(levelIndex.keys());
const PRIORITY_ALT = alternation(priorityWords);
const MOSCOW_ALT = alternation(moscowIndex.keys());
// "High Priority", "Priority: High", "Yüksek Öncelik", "Prioridad Alta", "優先度：高", "高优先级", "Priority 1", "P0"
const END = `(?=$|[^\\p{L}\\p{N}]|[${CJK_SCRIPTS}])`;
const LEVEL_THEN_WORD = new RegExp(`^(${LEVEL_ALT})${END}\\s*(?:(?:${PRIORITY_ALT})${END})?`, 'u');
const WORD_THEN_LEVEL = new RegExp(`^(?:${PRIORITY_ALT})\\s*[:：#\\-–]?\\s*(?:(p?\\d)\\b|(${LEVEL_ALT})${END})`, 'u');
const P_LEVEL = /^p\s?([0-4])\b/u;
const MOSCOW_HEAD = new RegExp(`^(${MOSCOW_ALT})${END}`, 'u');

/**
 * The priority a heading or a "Priority: …" value names, canonical and lowercase ("high", "p1",
 * "nice to have"), or null. `strict`: the whole text must be a priority phrase (a heading such as
 * "High Priority (Immediate Impact)" or "Must Have" passes; "Highlights" or "Low-level API" does not).
 */
export function priorityOf(text: string, strict = true): string | null {
  const s = vocabularyForm(text.length > 200 ? text.slice(0, 200) : text);
  if (s === '') return null;
  let m = P_LEVEL.exec(s);
  if (m) return `p${m[1]}`;
  m = WORD_THEN_LEVEL.exec(s);
  if (m) {
    if (m[1]) return `p${m[1].replace(/^p/u, '')}`;
    return levelIndex.get(m[2] ?? '') ?? null;
  }
  m = LEVEL_THEN_WORD.exec(s);
  if (m?.[1]) {
    const rest = s.slice(m[0].length).trim();
    const hadWord = m[0].length > m[1].length && new RegExp(`(?:${PRIORITY_ALT})$`, 'u').test(m[0].trim());
    if (!strict || rest === '' || hadWord || /^[(/（]/u.test(rest)) return levelIndex.get(m[1]) ?? null;
  }
  m = MOSCOW_HEAD.exec(s);
  if (m?.[1]) {
    const rest = s.slice(m[0].length).trim();
    const word = m[1];
    // bare "must"/"should"/"could" only as a whole heading
    if (rest === '' || /[\s-]/u.test(word) || !strict) return moscowIndex.get(word) ?? null;
  }
  return null;
}

/** Words for ranking work as a whole ("Prioritization", "Priorisierung"): with the priority words, a priority summary heading. */
export const PRIORITIZATION_WORDS: readonly string[] = [
  'prioritization', 'prioritisation', 'priorización', 'priorizacion', 'priorização', 'priorizacao', 'priorisation', 'priorisierung',
  'prioritizzazione', 'önceliklendirme', 'приоритизация', '優先順位', '優先順位付け', '优先级排序', '우선순위 지정',
];
const summaryWords = [...PRIORITY_WORDS, ...PRIORITIZATION_WORDS];
const summaryWordSet = new Set(summaryWords.filter((w) => !CJK_CHAR.test(w)));
const summaryCjk = summaryWords.filter((w) => CJK_CHAR.test(w));

/**
 * A heading that names priorities as a whole ("Priority Recommendations", "Priorities", "Prioridades
 * sugeridas", "優先順位"), not one level of them ("High Priority", "P1"): its lists rank work.
 */
export function isPrioritySummaryHeading(text: string): boolean {
  if (priorityOf(text) !== null) return false;
  // "v1.1 Planning (Post-Launch Priorities)" is a release that happens to be ranked, not a ranking
  const s = vocabularyForm((text.length > 200 ? text.slice(0, 200) : text).replace(/[(（][^()（）]*[)）]/gu, ' '));
  if (s === '' || /(?:^|\s)v?\d+(?:\.\d+)+(?:\s|$)/u.test(s)) return false;
  if (s.split(/[^\p{L}\p{N}]+/u).some((w) => summaryWordSet.has(w))) return true;
  return summaryCjk.some((w) => s.includes(w));
}

/** True when the text is one of the priority words alone ("Priority", "Prioridad", "優先度"). */
export function isPriorityWord(text: string): boolean {
  return priorityWords.has(vocabularyForm(text));
}

/** A stage or horizon word ("Next", "En progreso", "進行中"), possibly followed by a parenthesis. */
export function isStage(text: string): boolean {
  const s = vocabularyForm(text).replace(/\s*[(（].*$/u, '');
  return stageSet.has(s);
}

/** A kanban column name (already in vocabulary form): a stage, a board stage or a done word. */
export function isBoardStage(name: string): boolean {
  return boardStageSet.has(vocabularyForm(name));
}

/** The kind of non-work section the heading names ("table of contents", "legend", …), or null. */
export function nonWorkSection(text: string): string | null {
  const s = vocabularyForm(text).replace(/\s*[(（].*$/u, '');
  return nonWorkIndex.get(s) ?? (TRENDS_HEADING.test(s) ? 'trends' : null) ?? nonWorkByName(s);
}

/**
 * A vision heading ("Long-term vision", "Visão de Longo Prazo", "ビジョン"): its term lists
 * (`**Past** – the journal`) are the vision's pillars, not tasks; its plain task bullets stay work.
 */
export function isVisionHeading(text: string): boolean {
  const s = vocabularyForm(text.length > 200 ? text.slice(0, 200) : text);
  return VISION_WORD.test(s) || VISION_CJK.some((w) => s.includes(w));
}
const VISION_WORD = /(?:^|\s)(?:vision|visions|visão|visión|visione|vizyon|vizyonu|видение|виденье)(?:\s|$)/u;
const VISION_CJK = ['ビジョン', '愿景', '願景', '비전'];

/** "2025-2026 security analysis trends", "AI industry trends": a survey of the field, not work. */
const TRENDS_HEADING = /(?:^|\s)(?:trends|tendencias|tendances|tendências|tendenze|trendler|тренды|тенденции|トレンド|趋势|트렌드)$/u;

/** Labels that introduce context, not work: a list right under "**Benefits:**" or "Faydalar:" is not a task list. */
export const CONTEXT_LABELS: readonly string[] = [
  'benefits', 'benefit', 'advantages', 'pros', 'cons', 'drawbacks', 'example', 'examples', 'e.g', 'for example', 'use cases', 'rationale', 'why',
  'motivation', 'impact', 'outcome', 'outcomes', 'result', 'results', 'features include', 'includes', 'note', 'notes', 'context', 'background',
  'tracking issue', 'tracking issues', 'related issues', 'related', 'see also', 'references', 'links', 'documents',
  'beneficios', 'ventajas', 'desventajas', 'ejemplo', 'ejemplos', 'por ejemplo', 'avantages', 'inconvénients', 'exemple', 'exemples', 'par exemple',
  'vorteile', 'nachteile', 'beispiel', 'beispiele', 'zum beispiel', 'benefícios', 'vantagens', 'desvantagens', 'exemplo', 'exemplos',
  'vantaggi', 'svantaggi', 'benefici', 'esempio', 'esempi', 'faydalar', 'avantajlar', 'dezavantajlar', 'örnek', 'örnekler', 'преимущества',
  'недостатки', 'пример', 'примеры', 'メリット', 'デメリット', '利点', '例', '优点', '缺点', '好处', '示例', '例如',
];

/** Terms a legend or a definition list explains (`Mandatory: …`, `Optional: …`). */
export const DEFINED_TERMS: readonly string[] = ['mandatory', 'optional', 'required', 'recommended', 'obligatorio', 'obligatoire', 'pflicht', 'zorunlu', 'isteğe bağlı'];

const contextLabelSet = new Set(CONTEXT_LABELS);
const definedTermSet = new Set(DEFINED_TERMS);

/** "**Benefits:**", "Example:", "Faydalar:", "Avantages :" — a context label, colon included. */
export function isContextLabel(text: string): boolean {
  if (!/[:：]\s*$/u.test(text) || text.length > 60) return false;
  return contextLabelSet.has(vocabularyForm(text));
}

/** A term a definition list explains: a priority, a stage or a requirement level. */
export function isDefinedTerm(text: string): boolean {
  const s = vocabularyForm(text);
  return definedTermSet.has(s) || moscowIndex.has(s) || levelIndex.has(s) || boardStageSet.has(s) || P_LEVEL.test(s);
}

// ---------------------------------------------------------------------------------------------
// Instructions for a working session, and the words that name a document.
// ---------------------------------------------------------------------------------------------

/**
 * Headings of instructions for whoever works on the roadmap, not work: where to start, rules to
 * follow, a decision tree, a pre-flight checklist, a quick reference. Read by
 * `session-instructions.ts`: a heading is one of these alone, or one of these followed by a
 * subtitle (`Decision Tree: WRAP vs CREATE`, `START HERE - PASTE AT SESSION START`, `Pre-Flight
 * (30 seconds)`). Lowercase; compared after NFKC, lowercasing and emoji removal.
 */
export const SESSION_INSTRUCTIONS: readonly string[] = [
  // en
  'start here', 'read this first', 'read me first', 'read first', 'before you start', 'before you begin', 'before starting',
  'paste at session start', 'session start', 'at session start', 'session checklist', 'session protocol', 'every session',
  'golden rules', 'golden rule', 'ground rules', 'rules of thumb', 'decision tree', 'pre-flight', 'pre flight', 'preflight',
  'pre-flight checklist', 'preflight checklist', 'quick reference', 'quick ref', 'cheat sheet', 'cheatsheet', 'instructions',
  'agent instructions', 'instructions for agents', 'working agreements', 'conventions',
  // es
  'empieza aquí', 'comienza aquí', 'empezar aquí', 'lee esto primero', 'leer primero', 'antes de empezar', 'antes de comenzar',
  'reglas de oro', 'regla de oro', 'árbol de decisión', 'árbol de decisiones', 'referencia rápida', 'chuleta', 'instrucciones', 'convenciones',
  // fr
  'commencez ici', 'commencer ici', 'à lire en premier', "à lire d'abord", "lisez-moi d'abord", 'avant de commencer', "règles d'or",
  "règle d'or", 'arbre de décision', 'arbre de décisions', 'référence rapide', 'aide-mémoire', 'consignes',
  // de
  'hier starten', 'hier beginnen', 'hier anfangen', 'zuerst lesen', 'bitte zuerst lesen', 'vor dem start', 'bevor du beginnst',
  'bevor sie beginnen', 'goldene regeln', 'goldene regel', 'entscheidungsbaum', 'kurzreferenz', 'schnellreferenz', 'spickzettel',
  'anweisungen', 'konventionen',
  // pt
  'comece aqui', 'leia primeiro', 'leia isto primeiro', 'antes de começar', 'regras de ouro', 'regra de ouro', 'árvore de decisão',
  'referência rápida', 'instruções', 'convenções',
  // it
  'inizia qui', 'comincia qui', 'leggi prima', 'da leggere prima', 'prima di iniziare', "regole d'oro", "regola d'oro",
  'albero decisionale', 'albero delle decisioni', 'riferimento rapido', 'istruzioni', 'convenzioni',
  // tr
  'buradan başlayın', 'buradan başla', 'önce bunu okuyun', 'önce okuyun', 'başlamadan önce', 'altın kurallar', 'altın kural',
  'karar ağacı', 'hızlı başvuru', 'hızlı referans', 'talimatlar',
  // ru
  'начните здесь', 'начните отсюда', 'прочтите сначала', 'прочитайте сначала', 'перед началом', 'перед началом работы',
  'золотые правила', 'золотое правило', 'дерево решений', 'краткая справка', 'шпаргалка', 'инструкции', 'соглашения',
  // ja
  'ここから始める', 'ここから始めてください', 'はじめにお読みください', '最初に読む', '最初にお読みください', '作業開始前',
  'セッション開始時', '黄金律', '鉄則', '決定木', '判断フロー', 'クイックリファレンス', '早見表', 'チートシート',
  // zh
  '从这里开始', '從這裡開始', '请先阅读', '請先閱讀', '先读我', '开始之前', '黄金法则', '黄金规则', '决策树', '快速参考',
  '速查表', '备忘单', '操作说明',
  // ko
  '여기서 시작', '여기서 시작하세요', '먼저 읽어 주세요', '먼저 읽기', '시작하기 전에', '황금 규칙', '의사결정 트리',
  '결정 트리', '빠른 참조', '치트 시트',
];

/** Words that name a roadmap document: a first heading holding one reads as the document's title. */
export const DOCUMENT_NAMES: readonly string[] = [
  'roadmap', 'roadmaps', 'road map', 'hoja de ruta', 'feuille de route', 'fahrplan', 'roteiro', 'tabella di marcia',
  'yol haritası', 'дорожная карта', 'ロードマップ', '路线图', '路線圖', '로드맵',
];

// ─── Outline work headings: estimates, summaries and completion conditions ──────────────────────
// (read by classify.ts for the estimate after a heading, and by nonWorkSection below)

/**
 * Units of an effort estimate in parentheses after a heading (`(1 day)`, `(2-3 horas)`, `(3 Tage)`,
 * `(2 недели)`, `(2日)`): the estimate is no part of the title, and marks the heading as a piece of work.
 */
export const ESTIMATE_UNITS: readonly string[] = [
  // en
  'h', 'hr', 'hrs', 'hour', 'hours', 'd', 'day', 'days', 'w', 'wk', 'wks', 'week', 'weeks', 'month', 'months', 'sp', 'pt', 'pts', 'point', 'points',
  // es
  'hora', 'horas', 'día', 'días', 'dia', 'dias', 'semana', 'semanas', 'mes', 'meses', 'puntos',
  // fr
  'heure', 'heures', 'j', 'jour', 'jours', 'semaine', 'semaines', 'mois',
  // de
  'std', 'stunde', 'stunden', 'tag', 'tage', 'woche', 'wochen', 'monat', 'monate', 'punkte',
  // pt
  'mês', 'pontos',
  // it
  'ora', 'ore', 'giorno', 'giorni', 'gg', 'settimana', 'settimane', 'mese', 'mesi', 'punti',
  // tr
  'saat', 'gün', 'hafta', 'ay', 'puan',
  // ru
  'ч', 'час', 'часа', 'часов', 'дн', 'день', 'дня', 'дней', 'нед', 'неделя', 'недели', 'недель', 'мес', 'месяц', 'месяца', 'месяцев',
  // ja
  '時間', '日', '日間', '週', '週間', 'ヶ月', 'か月', 'カ月', '人日',
  // zh
  '小时', '天', '周', '星期', '个月', '人天',
  // ko
  '시간', '일', '주', '개월',
];

/**
 * Whole section names that restate the plan rather than hold it: a summary of the timeline, the
 * priorities or the tasks listed elsewhere in the document.
 */
export const SUMMARY_SECTIONS: readonly string[] = [
  'timeline summary', 'priority summary', 'priorities summary', 'executive summary', 'progress summary', 'status summary',
  'roadmap summary', 'project summary', 'task summary', 'tasks summary', 'phase summary', 'phases summary', 'milestone summary',
  'resumen ejecutivo', 'resumen de prioridades', 'resumen del cronograma', 'resumen de tareas', 'resumen de fases', 'resumen del progreso',
  'résumé des priorités', 'résumé du calendrier', 'résumé des tâches', 'résumé des phases', 'récapitulatif', 'synthèse',
  'zusammenfassung der prioritäten', 'zeitplan zusammenfassung', 'prioritäten zusammenfassung', 'aufgabenübersicht', 'management summary',
  'resumo executivo', 'resumo das prioridades', 'resumo do cronograma', 'resumo das tarefas', 'resumo das fases',
  'riepilogo', 'riepilogo delle priorità', 'riepilogo della timeline', 'riepilogo delle attività', 'sintesi',
  'yönetici özeti', 'öncelik özeti', 'zaman çizelgesi özeti', 'görev özeti',
  'сводка приоритетов', 'сводка по срокам', 'сводка задач', 'итоги', 'краткое резюме',
  'エグゼクティブサマリー', '優先度まとめ', 'スケジュールまとめ', 'タスクまとめ', 'まとめ',
  '执行摘要', '优先级总结', '时间线总结', '任务汇总', '总结',
  '요약', '우선순위 요약', '일정 요약', '작업 요약',
];

/**
 * Success metrics and key indicators: what is measured, not work to do. The names in English are
 * also in the default `skip.sections`; here in every language, as the first or the last words of a
 * section name ("Success metrics by phase", "Fase 1: métricas de éxito", "フェーズ1の成功指標").
 */
export const SUCCESS_METRICS_NAMES: readonly string[] = [
  'success metrics', 'key metrics', 'kpis', 'key performance indicators',
  'métricas de éxito', 'métricas clave', 'indicadores clave',
  'indicateurs de succès', 'indicateurs de réussite', 'métriques de succès', 'indicateurs clés',
  'erfolgsmetriken', 'erfolgskennzahlen', 'kennzahlen',
  'métricas de sucesso', 'métricas chave', 'indicadores chave',
  'metriche di successo', 'metriche chiave', 'indicatori chiave',
  'başarı metrikleri', 'başarı ölçütleri', 'temel metrikler',
  'метрики успеха', 'ключевые метрики', 'ключевые показатели',
  '成功指標', '重要指標', '主要指標',
  '成功指标', '关键指标', '成功衡量标准',
  '성공 지표', '핵심 지표', '주요 지표',
];

const summarySet = new Set(SUMMARY_SECTIONS);
const CJK_EDGE = new RegExp(`^[${CJK_SCRIPTS}]|[${CJK_SCRIPTS}]$`, 'u');

/** "summary" or "success metrics" when a heading (in vocabulary form, no parenthesis) names one of the above. */
function nonWorkByName(s: string): string | null {
  if (summarySet.has(s)) return 'summary';
  for (const name of SUCCESS_METRICS_NAMES) {
    if (s === name || s.startsWith(`${name} `) || s.endsWith(` ${name}`)) return 'success metrics';
    if (CJK_EDGE.test(name) && (s.startsWith(name) || s.endsWith(name))) return 'success metrics';
  }
  return null;
}
