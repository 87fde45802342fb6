// Edit distance for typo tolerance: optimal string alignment (Damerau-Levenshtein with adjacent transpositions, each
// substring edited once), bounded: strings whose lengths differ by more than `max` are not compared at all.

/** OSA distance between a and b, or max + 1 when it exceeds max (words are short: the length check is the cut-off). */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]! <= max ? prev[n]! : max + 1;
}

/**
 * How many typos a word of this length may carry and still be recognised: none up to 3 letters ("pw", "2fa" must be
 * exact), one up to 7 ("acount", "phising"), two from 8 ("pasword" has one; "passwrods" one transposition).
 */
export function tolerance(length: number): number {
  return length <= 3 ? 0 : length <= 7 ? 1 : 2;
}

/** Whether `typed` is `word` give or take the typos its length allows. */
export function closeTo(typed: string, word: string): boolean {
  const t = tolerance(Math.min(typed.length, word.length));
  return t > 0 && editDistance(typed, word, t) <= t;
}
