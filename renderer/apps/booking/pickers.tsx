/**
 * The choosing pages, shared by a new booking and a move: the service, a day (two weeks at a
 * time, only days with a free slot), a time (that day's free slots, asked afresh each time the
 * page opens, so a refused slot is gone when the resident comes back to it).
 */
import { useRef, useState } from 'react';
import type { PublicOffice } from '../../../electron/common/contract/public';
import { officeDay } from '../../../electron/common/domain/office-time';
import type { Language } from '../../../electron/common/domain/office';
import { useT } from '../../i18n/i18n';
import type { BookingClient } from './booking-client';
import {
  fewPlaces,
  groupByDay,
  nextWindow,
  previousWindow,
  slotsOfDay,
  windowEnd,
  WINDOW_DAYS,
  type DaySlots,
  type FreeSlot,
} from './days';
import { dayLabel, otherTimeZone, shortDay } from './format';
import { BackButton, Failed, Loading, PageHeading, ProblemBox } from './page-parts';
import type { Problem } from './problems';
import { useLoaded } from './use-loaded';

export function ServicePage({
  office,
  language,
  problem,
  onPick,
}: {
  office: PublicOffice;
  language: Language;
  problem: Problem | null;
  onPick: (service: string) => void;
}) {
  const t = useT();
  return (
    <>
      <PageHeading>{t('booking.service.title')}</PageHeading>
      <ProblemBox problem={problem} />
      {office.services.length === 0 ? (
        <p>{t('booking.service.none')}</p>
      ) : (
        <ul className="booking-choices">
          {office.services.map((service) => (
            <li key={service.id}>
              <button type="button" className="booking-choice" onClick={() => onPick(service.id)}>
                {service.name[language]}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What the day and time pages need to know and do. */
export interface PickerProps {
  readonly client: BookingClient;
  readonly office: PublicOffice;
  readonly language: Language;
  readonly service: string;
  readonly problem: Problem | null;
  readonly onBack: () => void;
}

export function serviceName(office: PublicOffice, service: string, language: Language): string {
  return office.services.find((candidate) => candidate.id === service)?.name[language] ?? service;
}

export function DayPage({
  from,
  onWindow,
  onPick,
  ...props
}: PickerProps & { from: string | null; onWindow: (start: string) => void; onPick: (day: string) => void }) {
  const t = useT();
  const { client, office, language, service } = props;
  // Today as the page opened: the hub answers from its own today anyway.
  const [today] = useState(() => officeDay(Date.now(), office.timeZone));
  const range = useRef<HTMLParagraphElement>(null);
  const start = from ?? today;
  const { loaded, retry } = useLoaded(`${service}|${start}`, () => client.slots(service, start, WINDOW_DAYS));
  return (
    <>
      <BackButton onBack={props.onBack} />
      <PageHeading>{t('booking.day.title')}</PageHeading>
      <p className="booking-context">{serviceName(office, service, language)}</p>
      <ProblemBox problem={props.problem} />
      {/* Says the new fortnight when it changes, and takes the focus then (the button pressed may go). */}
      <p className="booking-range" ref={range} tabIndex={-1} aria-live="polite">
        {t('booking.day.range', { from: shortDay(start, language), to: shortDay(windowEnd(start), language) })}
      </p>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'failed' ? <Failed problem={loaded.problem} onRetry={retry} /> : null}
      {loaded.state === 'ready' ? (
        <DayList days={groupByDay(loaded.value.slots)} language={language} onPick={onPick} />
      ) : null}
      <WindowButtons
        start={start}
        today={today}
        onWindow={(next) => {
          onWindow(next);
          range.current?.focus();
        }}
      />
    </>
  );
}

function DayList({
  days,
  language,
  onPick,
}: {
  days: readonly DaySlots[];
  language: Language;
  onPick: (day: string) => void;
}) {
  const t = useT();
  if (days.length === 0) return <p className="booking-none">{t('booking.day.none')}</p>;
  return (
    <ul className="booking-choices">
      {days.map(({ day, slots }) => (
        <li key={day}>
          <button type="button" className="booking-choice" onClick={() => onPick(day)}>
            <span className="booking-choice-main">{dayLabel(day, language)}</span>
            <span className="visually-hidden">, </span>
            <span className="booking-choice-note">{t('booking.day.free', { count: slots.length })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function WindowButtons({
  start,
  today,
  onWindow,
}: {
  start: string;
  today: string;
  onWindow: (start: string) => void;
}) {
  const t = useT();
  const previous = previousWindow(start, today);
  const next = nextWindow(start, today);
  return (
    <div className="booking-window">
      {previous ? (
        <button type="button" onClick={() => onWindow(previous)}>
          <span aria-hidden="true">‹ </span>
          {t('booking.day.previous')}
        </button>
      ) : null}
      {next ? (
        <button type="button" onClick={() => onWindow(next)}>
          {t('booking.day.next')}
          <span aria-hidden="true"> ›</span>
        </button>
      ) : null}
    </div>
  );
}

export function TimePage({
  day,
  onPick,
  onOtherDay,
  ...props
}: PickerProps & { day: string; onPick: (slot: FreeSlot) => void; onOtherDay: () => void }) {
  const t = useT();
  const { client, office, language, service } = props;
  const { loaded, retry } = useLoaded(`${service}|${day}`, () => client.slots(service, day, 1));
  return (
    <>
      <BackButton onBack={props.onBack} />
      <PageHeading>{t('booking.time.title')}</PageHeading>
      <p className="booking-context">
        {serviceName(office, service, language)}
        <br />
        <strong>{dayLabel(day, language)}</strong>
      </p>
      <ProblemBox problem={props.problem} />
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'failed' ? <Failed problem={loaded.problem} onRetry={retry} /> : null}
      {loaded.state === 'ready' ? (
        <TimeList slots={slotsOfDay(loaded.value.slots, day)} onPick={onPick} onOtherDay={onOtherDay} />
      ) : null}
      {otherTimeZone(office.timeZone) ? (
        <p className="booking-note">{t('booking.time.zone', { zone: office.timeZone })}</p>
      ) : null}
    </>
  );
}

function TimeList({
  slots,
  onPick,
  onOtherDay,
}: {
  slots: readonly FreeSlot[];
  onPick: (slot: FreeSlot) => void;
  onOtherDay: () => void;
}) {
  const t = useT();
  if (slots.length === 0)
    return (
      <>
        <p className="booking-none">{t('booking.time.none')}</p>
        <button type="button" onClick={onOtherDay}>
          {t('booking.time.otherDay')}
        </button>
      </>
    );
  return (
    <ul className="booking-times">
      {slots.map((slot) => {
        const few = fewPlaces(slot, slots);
        return (
          <li key={slot.at}>
            <button type="button" className="booking-choice booking-time" onClick={() => onPick(slot)}>
              <span className="booking-choice-main">{slot.time}</span>
              {few === null ? null : (
                <>
                  <span className="visually-hidden">, </span>
                  <span className="booking-choice-note">{t('booking.time.few', { count: few })}</span>
                </>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
