import { afterEach, describe, expect, it, vi } from 'vitest';
import { Listeners, notifyEach } from '../../../../native/port/listeners';

describe('Listeners', () => {
  it('calls every listener present when emit starts, in order, and unsubscribes', () => {
    const listeners = new Listeners<[number]>();
    const heard: string[] = [];
    let offB: () => void = () => undefined;
    listeners.add((n) => {
      heard.push(`a${n}`);
      offB();
    });
    offB = listeners.add((n) => heard.push(`b${n}`));
    listeners.emit(1);
    listeners.emit(2);
    expect(heard).toEqual(['a1', 'b1', 'a2']);
  });

  it('a listener that throws does not keep the next from hearing; the first error comes back after all', () => {
    const listeners = new Listeners<[error?: Error]>();
    const heard: string[] = [];
    listeners.add(() => {
      throw new Error('driver bug');
    });
    listeners.add(() => {
      throw new Error('second');
    });
    listeners.add(() => heard.push('station'));
    expect(() => listeners.emit(new Error('unplugged'))).toThrow('driver bug');
    expect(heard).toEqual(['station']);
    listeners.clear();
    expect(() => listeners.emit()).not.toThrow();
  });
});

describe('notifyEach', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls every listener; one that throws stops neither the others nor the caller, and its error surfaces later', () => {
    vi.useFakeTimers();
    const heard: string[] = [];
    const listeners = new Set<(reading: string) => void>([
      (reading) => heard.push(`a ${reading}`),
      () => {
        throw new Error('screen bug');
      },
      (reading) => heard.push(`c ${reading}`),
    ]);
    expect(() => notifyEach(listeners, 'swipe')).not.toThrow();
    expect(heard).toEqual(['a swipe', 'c swipe']);
    expect(() => vi.runAllTimers()).toThrow('screen bug');
  });
});
