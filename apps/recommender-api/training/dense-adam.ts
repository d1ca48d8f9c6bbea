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
    for (let p = 0; p < params.length; p++) {
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
