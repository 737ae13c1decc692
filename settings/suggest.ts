// "Did you mean …?" for misspelt config keys: a key that differs only in case, or by at most two
// edits from a known one, is almost always a typo rather than a new setting.

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The known name closest to `given`, when it is close enough to be what was meant. */
export function closest(given: string, known: readonly string[]): string | undefined {
  const lower = given.toLowerCase();
  const sameLetters = known.find((k) => k.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  // Also catch a misspelt prefix or suffix, such as maxRetryAttempts for maximumRetryAttempts.
  const containing = known.filter((k) => lower.length >= 5 && k.toLowerCase().includes(lower.replace(/^max/, "")));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  const limit = Math.max(2, Math.floor(given.length / 4));
  if (best && best.distance <= limit) return best.name;
  return containing.length === 1 ? containing[0] : undefined;
}
