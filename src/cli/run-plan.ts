import { parseRoadmap } from '../core/roadmap/parse.js';
import { readLocalRoadmap } from './read-local-roadmap.js';
import { renderRoadmapJson, renderRoadmapTree } from './render-roadmap.js';

export interface PlanOptions {
  targets: string[];
  configFile: string | null;
  json: boolean;
}

export async function runPlan(options: PlanOptions, out: NodeJS.WritableStream): Promise<number> {
  const input = await readLocalRoadmap(options.targets, options.configFile);
  const roadmap = parseRoadmap(input.files, input.config);
  if (options.json) out.write(`${JSON.stringify(renderRoadmapJson(roadmap), null, 2)}\n`);
  else out.write(`${renderRoadmapTree(roadmap, input.config.labels.roadmap)}\n`);
  return 0;
}
