/** Lane priorities within a repository: checkbox edits, then their markers, land before the next converge reads. */
export const LANE_PRIORITY = { checkboxes: 0, markers: 0.5, converge: 1 } as const;
