/**
 * The station's part in an assisted session: the e-services it offers (read from their folders at
 * every call, so a file dropped in `<data>/eservices/` is offered at once), and the relay between
 * a counter's clerk window and the visitor's screen of that counter — the last view per counter
 * (for a screen that opens late) and the visitor's input. It holds nothing else: the clerk's window
 * owns the session and keeps it in the workstation's database.
 */
import type { AssistInput, AssistShow, EServiceList } from '../../common/contract/assist';
import type { EventName, EventPayload } from '../../common/contract/contract';
import type { Logger } from '../log';
import { loadDefinitions } from './load';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class AssistRelay {
  readonly #views = new Map<number, AssistShow['view']>();
  readonly #folders: readonly string[];
  readonly #emit: Emit;
  readonly #log: Logger;
  #reported = '';
  /** While the workstation is locked, no view leaves the station (paired screens included). */
  #hidden = false;

  constructor(folders: readonly string[], emit: Emit, log: Logger) {
    this.#folders = folders;
    this.#emit = emit;
    this.#log = log;
  }

  async list(): Promise<EServiceList> {
    const loaded = await loadDefinitions(this.#folders);
    // Name each refused file in the log once per change, not at every call.
    const report = loaded.refused.map((refused) => `${refused.file}:${refused.problems.length}`).join(',');
    if (report !== this.#reported && loaded.refused.length > 0)
      this.#log.warn('e-service definitions refused', {
        files: loaded.refused.map((refused) => refused.file).join(', '),
      });
    this.#reported = report;
    return {
      definitions: [...loaded.definitions],
      refused: loaded.refused.map((refused) => ({ file: refused.file, problems: [...refused.problems] })),
    };
  }

  show({ counter, view }: AssistShow): { shown: boolean } {
    const last = this.#views.get(counter);
    if (view && last && last.session === view.session && last.seq > view.seq) return { shown: false };
    this.#views.set(counter, view);
    if (!this.#hidden) this.#emit('assist.view', { counter, view });
    return { shown: !this.#hidden };
  }

  current(counter: number): AssistShow {
    return { counter, view: this.#hidden ? null : (this.#views.get(counter) ?? null) };
  }

  /**
   * The workstation was locked (hidden) or unlocked: the visitors' screens show nothing while it is,
   * and what they showed again after. Signed out, the views are forgotten (clearAll).
   */
  setHidden(hidden: boolean): void {
    if (hidden === this.#hidden) return;
    this.#hidden = hidden;
    for (const [counter, view] of this.#views) this.#emit('assist.view', { counter, view: hidden ? null : view });
  }

  input(input: AssistInput): { relayed: boolean } {
    const view = this.#hidden ? undefined : this.#views.get(input.counter);
    // An answer for a page the visitor is not on, or while the clerk types, goes nowhere.
    const { input: what } = input;
    if (what.kind !== 'language') {
      if (!view || view.session !== what.session || view.page !== what.page) return { relayed: false };
      if (view.typing !== 'visitor') return { relayed: false };
    }
    this.#emit('assist.input', input);
    return { relayed: true };
  }

  /** The person left: the visitor's screen shows nothing personal, and nothing of it is kept. */
  clearAll(): void {
    for (const counter of this.#views.keys()) this.show({ counter, view: null });
    this.#views.clear();
  }
}
