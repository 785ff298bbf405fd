// The bench's two statistics, shared by its measurements.

/** The median of `xs` (the mean of the middle two when there is an even number). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The `p` quantile of `xs` by nearest rank, as `model::fidelity::Spread` computes it. */
export function rank(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}
