/**
 * A new booking for a caller, one thing per page: the service → a day → a time (the booking
 * page's pickers, over the hub's free slots) → the caller's name, an optional phone or e-mail and
 * their language → a check page to read back → the code. The draft is the booking page's
 * (apps/booking/flow.ts): every choice and every word typed stays until the hub has answered,
 * and a refused slot leads back to where another is chosen.
 */
import { useReducer, useState } from 'react';
import type { PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import type { BookingClient } from '../booking/booking-client';
import { flow, START, type Draft, type FlowAction } from '../booking/flow';
import { useSend } from '../booking/new-booking';
import { useNavigate } from '../booking/page-parts';
import { DayPage, TimePage, type PickerProps } from '../booking/pickers';
import { BookedPage } from './booked-page';
import { CallerCheckPage, CallerDetailsPage, ServiceChoicePage } from './caller-pages';

interface Props {
  readonly client: BookingClient;
  readonly office: PublicOffice;
  /** The screen's language, for the office's words. */
  readonly language: Language;
  readonly onLeave: () => void;
}

export function NewAppointment({ client, office, language, onLeave }: Props) {
  const [draft, dispatch] = useReducer(flow, START);
  // The caller's language: for the booking's calendar file, its reminders and the printed slip.
  const [caller, setCaller] = useState<Language>('pl');
  const go = useNavigate<FlowAction>(dispatch);
  const sending = useSend(client, draft, caller, go);
  const withCaller = (spoken: Language, action: FlowAction) => {
    setCaller(spoken);
    go(action);
  };
  switch (draft.step) {
    case 'service':
    case 'day':
    case 'time':
      return (
        <Choosing
          client={client}
          office={office}
          language={language}
          onLeave={onLeave}
          draft={draft}
          go={go}
          dispatch={dispatch}
        />
      );
    case 'details':
      return (
        <CallerDetailsPage
          details={draft.details}
          language={caller}
          onDone={(details, spoken) => withCaller(spoken, { type: 'details', details })}
          onBack={(details, spoken) => withCaller(spoken, { type: 'back', details })}
        />
      );
    case 'check':
      return (
        <CallerCheckPage
          draft={draft}
          office={office}
          language={language}
          caller={caller}
          sending={sending.busy}
          onBook={sending.send}
          onChange={(step) => go({ type: 'change', step })}
          onBack={() => go({ type: 'back' })}
        />
      );
    case 'done':
      return (
        <BookedPage
          created={draft.created!}
          office={office}
          language={language}
          caller={caller}
          onAnother={() => withCaller('pl', { type: 'restart' })}
          onLeave={onLeave}
        />
      );
  }
}

/** The service, a day, a time: the booking page's pickers but for the first, which is the clerk's. */
function Choosing({
  client,
  office,
  language,
  onLeave,
  draft,
  go,
  dispatch,
}: Props & { draft: Draft; go: (action: FlowAction) => void; dispatch: (action: FlowAction) => void }) {
  const picker: Omit<PickerProps, 'service'> = {
    client,
    office,
    language,
    problem: draft.problem,
    onBack: () => go({ type: 'back' }),
  };
  if (draft.step === 'day')
    return (
      <DayPage
        {...picker}
        service={draft.service!}
        from={draft.window}
        onWindow={(start) => dispatch({ type: 'window', start })}
        onPick={(day) => go({ type: 'day', day })}
      />
    );
  if (draft.step === 'time')
    return (
      <TimePage
        {...picker}
        service={draft.service!}
        day={draft.day!}
        onPick={(slot) => go({ type: 'slot', slot })}
        onOtherDay={() => go({ type: 'back' })}
      />
    );
  return (
    <ServiceChoicePage
      office={office}
      language={language}
      problem={draft.problem}
      onPick={(service) => go({ type: 'service', service })}
      onBack={onLeave}
    />
  );
}
