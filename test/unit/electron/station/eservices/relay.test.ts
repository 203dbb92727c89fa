import { describe, expect, it } from 'vitest';
import type { AssistView } from '../../../../../electron/common/contract/assist';
import type { EventName, EventPayload } from '../../../../../electron/common/contract/contract';
import { AssistRelay } from '../../../../../electron/station/eservices/relay';
import type { Logger } from '../../../../../electron/station/log';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;

function view(seq: number, page = 'question:a', typing: AssistView['typing'] = 'clerk'): AssistView {
  return {
    seq,
    sentAt: 1,
    session: 's1',
    reference: 'K7M3-Q9XT',
    eservice: 'profil-zaufany',
    language: 'pl',
    page,
    progress: { step: 1, of: 5 },
    typing,
    draft: 'Kowalski',
    problem: null,
    answers: [],
    identity: [{ field: 'surname', value: 'Kowalski' }],
    proxy: false,
    consent: true,
    signing: null,
    digest: null,
  };
}

function relay() {
  const emitted: { event: EventName; payload: unknown }[] = [];
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void emitted.push({ event, payload });
  return { relay: new AssistRelay([], emit, quiet), emitted };
}

describe("the relay between a counter and its visitor's screen", () => {
  it('keeps the last view per counter and drops a late, older one of the same session', () => {
    const { relay: r, emitted } = relay();
    expect(r.show({ counter: 3, view: view(2) })).toEqual({ shown: true });
    expect(r.show({ counter: 3, view: view(1) })).toEqual({ shown: false });
    expect(r.current(3).view?.seq).toBe(2);
    expect(r.current(4).view).toBeNull();
    expect(emitted).toHaveLength(1);
  });

  it('relays an answer only for the page shown, and only when the visitor types', () => {
    const { relay: r, emitted } = relay();
    r.show({ counter: 3, view: view(1, 'question:a', 'clerk') });
    const answer = { kind: 'answer' as const, session: 's1', page: 'question:a', value: 'x' };
    expect(r.input({ counter: 3, input: answer })).toEqual({ relayed: false });
    r.show({ counter: 3, view: view(2, 'question:a', 'visitor') });
    expect(r.input({ counter: 3, input: { ...answer, page: 'question:b' } })).toEqual({ relayed: false });
    expect(r.input({ counter: 3, input: answer })).toEqual({ relayed: true });
    expect(r.input({ counter: 3, input: { kind: 'language', language: 'uk' } })).toEqual({ relayed: true });
    expect(emitted.filter((e) => e.event === 'assist.input')).toHaveLength(2);
    // Nor "Dalej" from the visitor's screen while the clerk types: the visitor cannot skip a page.
    r.show({ counter: 3, view: view(3, 'question:a', 'clerk') });
    const onward = { kind: 'continue' as const, session: 's1', page: 'question:a' };
    expect(r.input({ counter: 3, input: onward })).toEqual({ relayed: false });
  });

  it('shows nothing while the workstation is locked, and the view again after', () => {
    const { relay: r, emitted } = relay();
    r.show({ counter: 3, view: view(1, 'question:a', 'visitor') });
    r.setHidden(true);
    expect(emitted.at(-1)).toEqual({ event: 'assist.view', payload: { counter: 3, view: null } });
    expect(r.current(3).view).toBeNull();
    expect(r.show({ counter: 3, view: view(2, 'question:a', 'visitor') })).toEqual({ shown: false });
    expect(emitted.at(-1)?.payload).toEqual({ counter: 3, view: null });
    const answer = { kind: 'answer' as const, session: 's1', page: 'question:a', value: 'x' };
    expect(r.input({ counter: 3, input: answer })).toEqual({ relayed: false });
    r.setHidden(false);
    expect((emitted.at(-1)?.payload as { view: AssistView }).view.seq).toBe(2);
  });

  it('forgets every view when the person signs out', () => {
    const { relay: r } = relay();
    r.show({ counter: 3, view: view(1) });
    r.clearAll();
    r.setHidden(false);
    expect(r.current(3).view).toBeNull();
  });
});
