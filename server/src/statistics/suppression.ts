/**
 * Small-cell suppression for published statistics: a count below the
 * threshold (but above zero) is shown as `<5`, not as its value; and when that
 * hides exactly one cell of an answer whose total is shown, the next smallest
 * cell is hidden too, so the hidden one cannot be had by subtracting the shown
 * cells from the total (secondary suppression). What it does not prevent —
 * differencing across separate queries — is in docs/adr/0009-statistics.md.
 */
export const MIN_PUBLISHED_COUNT = 5;

export interface Suppression {
  /** Per cell: hidden or not. */
  cells: boolean[];
  total: boolean;
}

export function suppress(counts: readonly number[], total: number, min = MIN_PUBLISHED_COUNT): Suppression {
  const small = (n: number) => n > 0 && n < min;
  const cells = counts.map(small);
  const totalHidden = small(total);
  const hidden = cells.filter(Boolean).length;
  if (!totalHidden && hidden === 1 && counts.length > 1) {
    let next = -1;
    counts.forEach((n, i) => {
      if (!cells[i] && n > 0 && (next < 0 || n < counts[next])) next = i;
    });
    if (next >= 0) cells[next] = true;
  }
  return { cells, total: totalHidden };
}
