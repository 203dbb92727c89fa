/**
 * The service finder: a visitor who does not know the office's words types what they need, in their
 * own words and any of the three languages, or picks a common need, and the matching matters come
 * up as they type (electron/common/domain/service-finder.ts), each the same button as on the first
 * screen. "I don't know", and a search that finds nothing, lead to the office's information service.
 */
import { useMemo, useState, type RefObject } from 'react';
import { createServiceFinder, type ServiceFinder } from '../../../electron/common/domain/service-finder';
import type { TicketRefusal } from '../../../electron/common/domain/ticket-limits';
import type { ServiceDoc } from '../../db/schemas';
import { useT, type MessageId } from '../../i18n/i18n';
import { ServiceList } from './kiosk-steps';
import type { RefusalWording } from './unavailable';
import './finder.css';

/** Needs to pick without typing; each is searched in the screen's language like a typed one. */
const COMMON_NEEDS = ['lostId', 'residence', 'car', 'benefit', 'licence', 'tax'] as const;

export interface FinderStepProps {
  readonly heading: RefObject<HTMLHeadingElement | null>;
  readonly services: ServiceDoc[];
  readonly refusals: ReadonlyMap<string, TicketRefusal>;
  readonly wording: RefusalWording;
  readonly busy: boolean;
  readonly waitingFor: (service: string) => number;
  readonly onService: (service: ServiceDoc) => void;
  readonly onBack: () => void;
}

export function FinderStep(props: FinderStepProps) {
  const { heading, services, refusals, busy, onService, onBack } = props;
  const t = useT();
  const [query, setQuery] = useState('');
  const finder = useFinder(services);
  const found = query.trim() === '' ? null : servicesOf(finder.find(query), services);
  const information = services.find((service) => service.id === finder.information);
  return (
    <>
      <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
        {t('kiosk.finder.title')}
      </h1>
      <p className="kiosk-explain">{t('kiosk.finder.explain')}</p>
      <label htmlFor="kiosk-finder-query" className="kiosk-finder-label">
        {t('kiosk.finder.query')}
      </label>
      <input
        id="kiosk-finder-query"
        type="search"
        className="kiosk-finder-query"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="kiosk-finder-status" role="status">
        {found && found.length > 0 && t('kiosk.finder.found', { count: found.length })}
        {found?.length === 0 && t(information ? 'kiosk.finder.none' : 'kiosk.finder.noneNoInformation')}
      </p>
      {found === null ? <CommonNeeds finder={finder} onPick={setQuery} /> : <Suggestions {...props} found={found} />}
      <div className="kiosk-finder-actions">
        {information && (
          <button
            type="button"
            className={`kiosk-choice${found?.length === 0 ? ' kiosk-choice-main' : ''}`}
            disabled={busy || refusals.has(information.id)}
            onClick={() => onService(information)}
          >
            {t('kiosk.finder.dontKnow')}
          </button>
        )}
        <button type="button" className="kiosk-back" onClick={onBack}>
          {t('kiosk.back')}
        </button>
      </div>
    </>
  );
}

/** The finder over the matters offered now, built again only when they change. */
function useFinder(services: readonly ServiceDoc[]): ServiceFinder {
  const key = services.map((service) => `${service.id}@${service.updatedAt}`).join(' ');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key says when the services changed
  return useMemo(() => createServiceFinder(services), [key]);
}

function servicesOf(ids: readonly string[], services: readonly ServiceDoc[]): ServiceDoc[] {
  return ids.flatMap((id) => services.find((service) => service.id === id) ?? []);
}

/** The common needs this office has a matter for, in the screen's language. */
function CommonNeeds({ finder, onPick }: { finder: ServiceFinder; onPick: (query: string) => void }) {
  const t = useT();
  const needs = COMMON_NEEDS.map((need) => t(`kiosk.finder.need.${need}` as MessageId)).filter(
    (words) => finder.find(words).length > 0,
  );
  if (needs.length === 0) return null;
  return (
    <section aria-labelledby="kiosk-finder-common">
      <h2 id="kiosk-finder-common">{t('kiosk.finder.common')}</h2>
      <ul className="kiosk-finder-needs">
        {needs.map((words) => (
          <li key={words}>
            <button type="button" className="kiosk-choice" onClick={() => onPick(words)}>
              {words}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Suggestions({
  found,
  refusals,
  wording,
  busy,
  waitingFor,
  onService,
}: FinderStepProps & { found: ServiceDoc[] }) {
  const t = useT();
  if (found.length === 0) return null;
  return (
    <section aria-labelledby="kiosk-finder-suggestions">
      <h2 id="kiosk-finder-suggestions">{t('kiosk.finder.suggestions')}</h2>
      <ServiceList
        services={found}
        refusals={refusals}
        wording={wording}
        busy={busy}
        waitingFor={waitingFor}
        onService={onService}
      />
    </section>
  );
}
