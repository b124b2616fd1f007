/**
 * Returns the candidate closest to `value` when it is close enough to be a likely typo:
 * the same word in another case, or within a small edit distance (adjacent swaps count as
 * one edit, so `reciever` finds `receiver`).
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  const lower = value.toLowerCase();
  const limit = Math.max(1, Math.floor(value.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  let compared = 0;

  for (const candidate of candidates) {
    if (candidate === value) {
      continue;
    }
    if (candidate.toLowerCase() === lower) {
      return candidate;
    }
    // Bounds the work for one lookup, because a rule may look up thousands of names.
    if (Math.abs(candidate.length - value.length) > limit || compared >= MAX_COMPARISONS) {
      continue;
    }
    compared++;
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * Maximum number of edit distances one lookup computes. Past it, later candidates are still
 * matched ignoring case but not by distance, so a suggestion may be missed in a huge list.
 */
const MAX_COMPARISONS = 1000;

/** Formats `["a", "b", "c"]` as `"a", "b" or "c"`. */
export function quotedList(values: readonly string[], conjunction = 'or'): string {
  const quoted = values.map((value) => `"${value}"`);
  if (quoted.length <= 1) {
    return quoted.join('');
  }
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}

/**
 * Returns the indefinite article for `word`: "an" when it starts with a vowel letter, as in
 * "an integer field", else "a".
 * NOTE: the first letter decides, so a word such as "uuid" that starts with a vowel letter but
 * a consonant sound gets "an".
 */
export function indefiniteArticle(word: string): 'a' | 'an' {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** Optimal string alignment distance; stops early once every path exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let before = new Array<number>(b.length + 1);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  let current = new Array<number>(b.length + 1);

  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = current[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current[j] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) {
      return limit + 1;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}
