/**
 * Adam (Kingma & Ba 2015) over plain Float64Arrays, with TensorFlow.js's defaults and update rule
 * (tf.train.adam): every parameter's moments decay on every step, also where this step's gradient
 * is zero — the dense update that tf.gather's gradient gets, so a model trained here follows the
 * same path as one trained with TensorFlow.js.
 */
export class DenseAdam {
  private step = 0;
  private readonly moments = new Map<Float64Array, { first: Float64Array; second: Float64Array }>();

  constructor(
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {}

  /** Starts the next step: the bias corrections of `apply` calls until the next `nextStep` use its count. */
  nextStep(): void {
    this.step++;
  }

  /**
   * params −= lr · m̂ / (√v̂ + ε) for one parameter array, then zeroes `gradients` so the next
   * minibatch can accumulate into it (one pass over memory for both).
   */
  apply(params: Float64Array, gradients: Float64Array): void {
    if (this.step === 0) throw new Error('DenseAdam.apply before nextStep');
    if (gradients.length !== params.length) throw new Error(`gradients have ${gradients.length} values for ${params.length} parameters`);
    let state = this.moments.get(params);
    if (!state) {
      state = { first: new Float64Array(params.length), second: new Float64Array(params.length) };
      this.moments.set(params, state);
    }
    const { first, second } = state;
    const { beta1, beta2, epsilon } = this;
    const oneMinusBeta1 = 1 - beta1;
    const oneMinusBeta2 = 1 - beta2;
    const firstCorrection = 1 / (1 - beta1 ** this.step);
    const secondCorrection = 1 / (1 - beta2 ** this.step);
    const rate = -this.learningRate * firstCorrection;
    // Two entries per iteration share one division: x/a, y/b = x·b·(1/ab), y·a·(1/ab). A square
    // root and a division each take the CPU's divider for several cycles; it is what bounds this
    // loop, which runs over every parameter on every minibatch.
    const last = params.length - 1;
    let p = 0;
    for (; p < last; p += 2) {
      const g0 = gradients[p];
      const g1 = gradients[p + 1];
      const m0 = beta1 * first[p] + oneMinusBeta1 * g0;
      const m1 = beta1 * first[p + 1] + oneMinusBeta1 * g1;
      const v0 = beta2 * second[p] + oneMinusBeta2 * g0 * g0;
      const v1 = beta2 * second[p + 1] + oneMinusBeta2 * g1 * g1;
      first[p] = m0;
      first[p + 1] = m1;
      second[p] = v0;
      second[p + 1] = v1;
      const d0 = Math.sqrt(v0 * secondCorrection) + epsilon;
      const d1 = Math.sqrt(v1 * secondCorrection) + epsilon;
      const shared = rate / (d0 * d1);
      params[p] += m0 * d1 * shared;
      params[p + 1] += m1 * d0 * shared;
      gradients[p] = 0;
      gradients[p + 1] = 0;
    }
    if (p === last) {
      const g = gradients[p];
      const m = beta1 * first[p] + oneMinusBeta1 * g;
      const v = beta2 * second[p] + oneMinusBeta2 * g * g;
      first[p] = m;
      second[p] = v;
      params[p] += (rate * m) / (Math.sqrt(v * secondCorrection) + epsilon);
      gradients[p] = 0;
    }
  }
}
