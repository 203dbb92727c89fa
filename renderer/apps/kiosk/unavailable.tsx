/**
 * What the kiosk says of a matter that takes no ticket now (ticket-limits.ts): a short reason on
 * its button ("Limit biletów na dziś wyczerpany", "Bilety wydajemy do 15:30"), and above the
 * matters what the visitor can do instead — when tickets are issued again, and which of those
 * matters can be booked.
 */
import type { Language } from '../../../electron/common/domain/office';
import type { OfficeMoment, TicketRefusal } from '../../../electron/common/domain/ticket-limits';
import type { ServiceDoc } from '../../db/schemas';
import { useT, type Translate } from '../../i18n/i18n';
import { dateOf, timeOf } from './print-ticket';

/** What the words need besides the refusal: the visitor's language, the office's clock and day. */
export interface RefusalWording {
  readonly language: Language;
  readonly timeZone: string;
  readonly today: string;
}

/** The short reason, for the matter's button and the alert of a ticket refused on pressing. */
export function refusalText(t: Translate, refusal: TicketRefusal, { language, timeZone, today }: RefusalWording) {
  switch (refusal.kind) {
    case 'limit-reached':
      return t('kiosk.unavailable.limit-reached');
    case 'cut-off':
      return t('kiosk.unavailable.cut-off', { time: timeOf(language, timeZone, refusal.until.at) });
    case 'closed-today':
      return refusal.reason
        ? t('kiosk.unavailable.closed-today.reason', { reason: refusal.reason[language] })
        : t('kiosk.unavailable.closed-today');
    case 'closed-now':
      return refusal.next?.day === today
        ? t('kiosk.unavailable.opens', { time: timeOf(language, timeZone, refusal.next.at) })
        : t('kiosk.unavailable.closed-now');
  }
}

/** Above the matters when some take no ticket now: when to come back, and which can be booked instead. */
export function UnavailableNotice({
  services,
  refusals,
  wording,
}: {
  services: readonly ServiceDoc[];
  refusals: ReadonlyMap<string, TicketRefusal>;
  wording: RefusalWording;
}) {
  const t = useT();
  if (refusals.size === 0) return null;
  const bookable = services
    .filter((service) => refusals.has(service.id) && (service.availability?.length ?? 0) > 0)
    .map((service) => service.name[wording.language]);
  return (
    <section className="kiosk-unavailable" aria-labelledby="kiosk-unavailable-title">
      <h2 id="kiosk-unavailable-title">
        {t(refusals.size === services.length ? 'kiosk.instead.titleAll' : 'kiosk.instead.titleSome')}
      </h2>
      <p>{comeBackText(t, earliest([...refusals.values()]), wording)}</p>
      {bookable.length > 0 && (
        <p>
          {t('kiosk.instead.book', {
            services: new Intl.ListFormat(wording.language, { type: 'conjunction' }).format(bookable),
          })}
        </p>
      )}
    </section>
  );
}

/** The soonest moment one of the refused matters takes tickets again, if any is known. */
function earliest(refusals: readonly TicketRefusal[]): OfficeMoment | null {
  return refusals.reduce<OfficeMoment | null>(
    (soonest, { next }) => (next && (!soonest || next.at < soonest.at) ? next : soonest),
    null,
  );
}

function comeBackText(t: Translate, next: OfficeMoment | null, { language, timeZone, today }: RefusalWording) {
  if (!next) return t('kiosk.instead.anotherDay');
  const time = timeOf(language, timeZone, next.at);
  if (next.day === today) return t('kiosk.instead.later', { time });
  return t('kiosk.instead.comeBack', { date: dateOf(language, next.day, 'full'), time });
}
