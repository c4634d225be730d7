/**
 * Keras's `Orthogonal` initializer, computed in Float64Array. tfjs 4.22 computes the same thing with
 * `tf.linalg.qr` on tensors, one small op per Householder step: minutes for a 512-unit LSTM's
 * recurrent kernel. This is the same algorithm (Keras `Orthogonal.__call__`, tfjs `Orthogonal.apply`):
 *
 *   flat = (prod(shape[:-1]), shape[-1]); draw an (max, min) standard normal matrix A;
 *   Q, R = qr(A, reduced); Q *= sign(diag(R)); transpose Q when flat has fewer rows than columns;
 *   gain * reshape(Q, shape).
 *
 * The sign correction makes Q the unique factor with a positive diagonal in R, so any QR method
 * gives the same Q; Householder in float64 gives it to well within float32 precision.
 */

/** The flattened (rows, cols) and the (max, min) shape of the normal matrix Keras draws. */
export function orthogonalShapes(shape: readonly number[]): { rows: number; cols: number; m: number; n: number } {
  const cols = shape[shape.length - 1]!;
  const rows = shape.slice(0, -1).reduce((p, d) => p * d, 1);
  return { rows, cols, m: Math.max(rows, cols), n: Math.min(rows, cols) };
}

/**
 * `normal` is the m×n (m ≥ n) standard normal matrix, row-major, as Keras and tfjs draw it.
 * Returns the initial value of a weight of `shape`, row-major.
 */
export function orthogonalValues(shape: readonly number[], gain: number, normal: ArrayLike<number>): Float32Array {
  const { rows, cols, m, n } = orthogonalShapes(shape);
  if (normal.length !== m * n) throw new Error(`orthogonalValues: expected ${m * n} normal values, got ${normal.length}`);
  // Column-major, so every reflection runs over contiguous memory.
  const a = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[j * m + i] = normal[i * n + j]!;

  // Householder QR: reflection k zeroes column k below the diagonal. Its vector v (rows k..m-1) is
  // kept in place of that column; beta = 2 / vᵀv; sign(R[k][k]) is kept for the correction.
  const beta = new Float64Array(n);
  const sign = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ck = k * m;
    let norm2 = 0;
    for (let i = ck + k; i < ck + m; i++) norm2 += a[i]! * a[i]!;
    const x0 = a[ck + k]!;
    const alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2); // R[k][k]; no cancellation in x0 - alpha
    const v0 = x0 - alpha;
    a[ck + k] = v0;
    const vtv = norm2 - x0 * x0 + v0 * v0;
    beta[k] = vtv === 0 ? 0 : 2 / vtv;
    sign[k] = Math.sign(alpha);
    reflect(a, m, k, beta[k]!, a, k + 1, n);
  }

  // Q = H0·H1·…·H(n-1)·[I; 0], applied from the last reflection: H_k leaves columns before k alone.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) reflect(a, m, k, beta[k]!, q, k, n);

  const out = new Float32Array(rows * cols);
  if (rows >= cols) {
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = gain * sign[c]! * q[c * m + r]!;
  } else {
    // Qᵀ: row r of the output is column r of Q.
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = gain * sign[r]! * q[r * m + c]!;
  }
  return out;
}

/** Applies reflection k (vector in column k of `v`, rows k..m-1) to columns from..to-1 of `x`. */
function reflect(v: Float64Array, m: number, k: number, beta: number, x: Float64Array, from: number, to: number): void {
  if (beta === 0) return;
  const vk = k * m;
  for (let j = from; j < to; j++) {
    const xj = j * m;
    let s = 0;
    for (let i = k; i < m; i++) s += v[vk + i]! * x[xj + i]!;
    s *= beta;
    if (s === 0) continue;
    for (let i = k; i < m; i++) x[xj + i]! -= s * v[vk + i]!;
  }
}
