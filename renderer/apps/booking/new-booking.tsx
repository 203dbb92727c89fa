/**
 * A new booking, one thing per page: the service, a day, a time, the resident's details, a check
 * page with "Zarezerwuj", the confirmation. The draft (flow.ts) keeps every choice and every word
 * typed until the hub has answered; a refused slot leads back to where another is chosen.
 */
import { useReducer, useState } from 'react';
import type { BookingRequest, PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import type { BookingClient } from './booking-client';
import { CheckPage } from './check-page';
import { Confirmation } from './confirmation';
import { checkDetails } from './details';
import { DetailsPage } from './details-page';
import { flow, START, type Draft, type FlowAction } from './flow';
import { useNavigate } from './page-parts';
import { DayPage, ServicePage, TimePage, type PickerProps } from './pickers';
import { problemOf } from './problems';

export function NewBooking({
  client,
  office,
  language,
}: {
  client: BookingClient;
  office: PublicOffice;
  language: Language;
}) {
  const [draft, dispatch] = useReducer(flow, START);
  const go = useNavigate<FlowAction>(dispatch);
  const sending = useSend(client, draft, language, go);
  const picker: Omit<PickerProps, 'service'> = {
    client,
    office,
    language,
    problem: draft.problem,
    onBack: () => go({ type: 'back' }),
  };
  switch (draft.step) {
    case 'service':
      return (
        <ServicePage
          office={office}
          language={language}
          problem={draft.problem}
          onPick={(service) => go({ type: 'service', service })}
        />
      );
    case 'day':
      return (
        <DayPage
          {...picker}
          service={draft.service!}
          from={draft.window}
          onWindow={(start) => dispatch({ type: 'window', start })}
          onPick={(day) => go({ type: 'day', day })}
        />
      );
    case 'time':
      return (
        <TimePage
          {...picker}
          service={draft.service!}
          day={draft.day!}
          onPick={(slot) => go({ type: 'slot', slot })}
          onOtherDay={() => go({ type: 'back' })}
        />
      );
    case 'details':
      return (
        <DetailsPage
          details={draft.details}
          onDone={(details) => go({ type: 'details', details })}
          onBack={(details) => go({ type: 'back', details })}
        />
      );
    case 'check':
      return (
        <CheckPage
          draft={draft}
          office={office}
          language={language}
          sending={sending.busy}
          onBook={sending.send}
          onChange={(step) => go({ type: 'change', step })}
          onBack={() => go({ type: 'back' })}
        />
      );
    case 'done':
      return (
        <Confirmation
          created={draft.created!}
          office={office}
          language={language}
          onAnother={() => go({ type: 'restart' })}
        />
      );
  }
}

/**
 * Sends the booking once at a time, in `language` (the booking's, for its calendar file and
 * reminders); the answer moves the draft on, or back with the problem. The clerk's appointments
 * screen (apps/appointments) sends its own through it too, in the caller's language.
 */
export function useSend(client: BookingClient, draft: Draft, language: Language, go: (action: FlowAction) => void) {
  const [busy, setBusy] = useState(false);
  const send = () => {
    const checked = checkDetails(draft.details);
    if (busy || !checked.ok || !draft.service || !draft.slot) return;
    const request: BookingRequest = { service: draft.service, at: draft.slot.at, ...checked.contact, language };
    setBusy(true);
    void client.book(request).then((answer) => {
      setBusy(false);
      if (answer.kind === 'ok') go({ type: 'booked', created: answer.value });
      else go({ type: 'problem', problem: problemOf(answer) ?? 'lost' });
    });
  };
  return { busy, send };
}
