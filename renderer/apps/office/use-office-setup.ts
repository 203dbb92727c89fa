/**
 * The set-up screen's state: the saved configuration (read once, and again after every write), the
 * draft being edited, its problems (checked with the file's own rules once a save was tried, then
 * as the admin corrects them), and the one way anything is written — the `office.setUp` screen
 * action (the password and the authenticator code again when the last check is not recent), then
 * `applyConfiguration`.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { useIntl } from 'react-intl';
import type { Language } from '../../../electron/common/domain/office';
import {
  checkConfiguration,
  describeConfigProblem,
  type OfficeConfiguration,
} from '../../../electron/common/domain/office-config';
import type { Path } from '../../../electron/common/validation/schema-problems';
import { useConfirmed } from '../../app/session';
import { useWorkstation, type Workstation } from '../../app/workstation';
import { arrived, saveAtHub } from './hub-office';
import { applyConfiguration, currentConfiguration } from '../../db/office-setup';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n';
import { draftOf, emptyConfiguration, setAt } from './draft';
import type { OfficeForm } from './form';
import { fieldId, placeOf, problemsByPlace } from './problems';

export interface Outcome {
  readonly kind: 'info' | 'error';
  readonly text: string;
}

/** A problem of the draft in words, and the id of the place it shows at. */
export interface PlacedProblem {
  readonly text: string;
  readonly place: string;
}

export interface OfficeSetup {
  /** null while the saved configuration is being read. */
  readonly form: OfficeForm | null;
  readonly problems: readonly PlacedProblem[];
  readonly outcome: Outcome | null;
  readonly busy: boolean;
  readonly summaryRef: RefObject<HTMLElement | null>;
  readonly save: (event: FormEvent) => void;
  /** Writes a checked configuration, after the screen action allows it; the refusal in words. */
  readonly apply: (configuration: OfficeConfiguration) => Promise<Outcome | null>;
  /** The password dialog, when the station asks for it again. */
  readonly dialog: ReactNode;
}

/**
 * Writing: asks the station whether the person may (`office.setUp`, with the password dialog when it
 * wants the password again), then `applyConfiguration`, then `reload`. Resolves to the refusal in
 * words, or null when written.
 */
function useApply(reload: () => Promise<void>) {
  const t = useT();
  const language = useIntl().locale as Language;
  const workstation = useWorkstation();
  const { db, api, now } = workstation;
  const confirmed = useConfirmed();
  const [busy, setBusy] = useState(false);
  const apply = async (configuration: OfficeConfiguration): Promise<Outcome | null> => {
    setBusy(true);
    try {
      const allowed = await confirmed.run(() => api.session.mayDo({ action: 'office.setUp' }));
      if (!allowed.ok) return { kind: 'error', text: t(errorMessage(allowed.error.code, 'device')) };
      if (workstation.sync) {
        const refused = await saveThroughHub(workstation, configuration, t, language);
        if (refused) return refused;
      } else await applyConfiguration(db, configuration, now());
      await reload();
      return null;
    } catch (error) {
      return { kind: 'error', text: t('office.save.failed', { reason: String(error) }) };
    } finally {
      setBusy(false);
    }
  };
  return { apply, busy, dialog: confirmed.dialog };
}

/**
 * With a hub the hub takes the configuration whole (hub-office.ts) and it comes back by sync;
 * resolves to the refusal in words, or null once this workstation holds it.
 */
async function saveThroughHub(
  workstation: Workstation,
  configuration: OfficeConfiguration,
  t: ReturnType<typeof useT>,
  language: Language,
): Promise<Outcome | null> {
  const connection = await workstation.api.hub.connection({});
  const point = connection.ok ? connection.value : null;
  const saved = await saveAtHub(point, workstation.station.version, configuration);
  if (saved.kind === 'lost') return { kind: 'error', text: t('office.save.offline') };
  if (saved.kind === 'denied') return { kind: 'error', text: t('office.save.denied', { code: saved.code }) };
  if (saved.kind === 'refused') {
    const problems = saved.problems.map((problem) => describeConfigProblem(problem, language)).join(' ');
    return { kind: 'error', text: t('office.save.refused', { problems }) };
  }
  if (!(await arrived(workstation.db, configuration))) return { kind: 'info', text: t('office.save.pending') };
  return null;
}

export function useOfficeSetup(): OfficeSetup {
  const t = useT();
  const language = useIntl().locale as Language;
  const { db, api } = useWorkstation();
  const [saved, setSaved] = useState<boolean | null>(null);
  const [draft, setDraft] = useState<OfficeConfiguration>(emptyConfiguration);
  const [tried, setTried] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const summaryRef = useRef<HTMLElement | null>(null);

  // The configuration as the database holds it: a new draft, nothing tried yet.
  const show = useCallback((current: OfficeConfiguration | null, hubUrl: string | null = null) => {
    setDraft(current ? draftOf(current) : emptyConfiguration(hubUrl));
    setTried(false);
    setSaved(current !== null);
  }, []);
  useEffect(() => {
    let live = true;
    void Promise.all([currentConfiguration(db), api.hub.connection({})]).then(([current, connection]) => {
      if (live) show(current, connection.ok ? (connection.value?.url ?? null) : null);
    });
    return () => {
      live = false;
    };
  }, [db, api, show]);
  const { apply, busy, dialog } = useApply(async () => show(await currentConfiguration(db)));

  const raw = useMemo(() => {
    const checked = tried ? checkConfiguration(draft) : null;
    return checked && !checked.ok ? checked.problems : [];
  }, [tried, draft]);
  const problems = useMemo(
    () =>
      raw.map((problem) => ({ text: describeConfigProblem(problem, language), place: fieldId(placeOf(problem.path)) })),
    [raw, language],
  );
  const byPlace = useMemo(() => problemsByPlace(raw), [raw]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setOutcome(null);
    const check = checkConfiguration(draft);
    if (!check.ok) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    void apply(check.configuration).then((refused) => setOutcome(refused ?? { kind: 'info', text: t('office.saved') }));
  };

  const form = useMemo<OfficeForm | null>(
    () =>
      saved === null
        ? null
        : {
            draft,
            saved,
            set: (path: Path, value: unknown) => setDraft((current) => setAt(current, path, value)),
            change: (edit) => setDraft(edit),
            problemsAt: (path) =>
              (byPlace.get(fieldId(path)) ?? []).map((problem) => describeConfigProblem(problem, language)),
            problemsUnder: (path) =>
              raw.filter((problem) => path.every((part, at) => problem.path[at] === part)).length,
          },
    [saved, draft, byPlace, raw, language],
  );

  return { form, problems, outcome, busy, summaryRef, save, apply, dialog };
}
