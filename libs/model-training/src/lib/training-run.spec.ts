import { startTrainingRun, trainingLog } from './training-run';

describe('a training run', () => {
  it('starts on the wasm backend, logs it, and counts its seconds', async () => {
    const lines: string[] = [];
    const run = await startTrainingRun((line) => lines.push(line));
    expect(lines).toEqual([`TensorFlow.js backend: ${run.backend}`]);
    expect(run.backend).toMatch(/wasm/);
    expect(run.seconds()).toBeGreaterThanOrEqual(0);
  });

  it('logs lines as [train HH:MM:SS] …', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    trainingLog('hello');
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\[train \d\d:\d\d:\d\d\] hello$/));
    log.mockRestore();
  });
});
