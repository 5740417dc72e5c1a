/** A synthetic roadmap of `items` list items: phases (milestones), priority and area headings, nesting, checkboxes. */
export function generateRoadmap(items: number): string {
  const lines = ['# Generated roadmap', ''];
  let n = 0;
  for (let phase = 1; n < items; phase += 1) {
    lines.push(`## Phase ${phase}`, '');
    for (const priority of ['High Priority', 'Low Priority']) {
      lines.push(`### ${priority}`, '');
      for (let area = 1; area <= 5 && n < items; area += 1) {
        lines.push(`#### Area ${phase}.${area}`, '');
        for (let i = 0; i < 20 && n < items; i += 1) {
          const box = i % 7 === 0 ? '[x]' : '[ ]';
          if (i % 5 === 4) lines.push(`  - ${box} Sub-task ${n} under the item above, with \`code\` and a [link](https://example.com/${n})`);
          else lines.push(`- ${box} Item ${n}: improve **component ${phase}-${area}-${i}** for better throughput`);
          n += 1;
        }
        lines.push('');
      }
    }
  }
  return lines.join('\n');
}
