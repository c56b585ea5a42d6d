import { spawnSync } from 'node:child_process';
import { stopWhenOwnerGone } from './owner-process';

describe('stopWhenOwnerGone', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('stops the system once its owner has ended, and only then', () => {
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    const stopOrphan = jest.fn();
    const stopOwned = jest.fn();
    stopWhenOwnerGone(stopOrphan, ended);
    stopWhenOwnerGone(stopOwned, process.pid);

    jest.advanceTimersByTime(999);
    expect(stopOrphan).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(stopOrphan).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(10_000);
    expect(stopOrphan).toHaveBeenCalledTimes(1);
    expect(stopOwned).not.toHaveBeenCalled();
  });

  it('watches nothing without an owner', () => {
    const stop = jest.fn();
    stopWhenOwnerGone(stop, 0);
    expect(jest.getTimerCount()).toBe(0);
  });
});
