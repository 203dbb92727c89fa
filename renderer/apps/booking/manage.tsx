/**
 * One booking, opened from its link (`#/booking/<code>-<key>`): what it is, "Zmień termin" (a day,
 * a time, a confirmation) and "Odwołaj wizytę" (a confirmation). A link that is not a code and a
 * key, and one the hub does not know, say the same: no such booking.
 */
import { useReducer, useState } from 'react';
import type { Booking, PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import { useT } from '../../i18n/i18n';
import type { BookingClient, BookingHandle } from './booking-client';
import { manage, VIEWING, type ManageAction, type Managing } from './manage-flow';
import { CancelledPage, CancelPage, MovedPage, MovePage, ViewPage } from './manage-pages';
import { Failed, Loading, NewBookingLink, PageHeading, useNavigate } from './page-parts';
import { DayPage, TimePage, type PickerProps } from './pickers';
import { problemOf, type Problem } from './problems';
import { useLoaded } from './use-loaded';

export function ManageBooking({
  client,
  office,
  language,
  handle,
}: {
  client: BookingClient;
  office: PublicOffice;
  language: Language;
  handle: BookingHandle | null;
}) {
  if (!handle) return <UnknownBooking />;
  return <KnownLink client={client} office={office} language={language} handle={handle} />;
}

function KnownLink(props: { client: BookingClient; office: PublicOffice; language: Language; handle: BookingHandle }) {
  const { client, handle } = props;
  const t = useT();
  const { loaded, retry } = useLoaded(handle.code, () => client.find(handle));
  const [state, dispatch] = useReducer(manage, VIEWING);
  const go = useNavigate<ManageAction>(dispatch);
  const problem = (found: Problem) => {
    go({ type: 'problem', problem: found });
    // Closed or gone meanwhile: show the booking as it is now.
    if (found === 'booking-closed' || found === 'unknown-booking') retry();
  };
  if (loaded.state === 'failed' && loaded.problem === 'unknown-booking') return <UnknownBooking />;
  if (loaded.state !== 'ready')
    return (
      <>
        <PageHeading>{t('booking.manage.title')}</PageHeading>
        {loaded.state === 'loading' ? <Loading /> : <Failed problem={loaded.problem} onRetry={retry} />}
      </>
    );
  const booking = state.booking ?? loaded.value;
  return <ManageSteps {...props} state={state} booking={booking} go={go} dispatch={dispatch} onProblem={problem} />;
}

function ManageSteps({
  client,
  office,
  language,
  handle,
  state,
  booking,
  go,
  dispatch,
  onProblem,
}: {
  client: BookingClient;
  office: PublicOffice;
  language: Language;
  handle: BookingHandle;
  state: Managing;
  booking: Booking;
  go: (action: ManageAction) => void;
  dispatch: (action: ManageAction) => void;
  onProblem: (problem: Problem) => void;
}) {
  const sending = useSendChange(client, handle, state, go, onProblem);
  const picker: PickerProps = {
    client,
    office,
    language,
    service: booking.service.id,
    problem: state.problem,
    onBack: () => go({ type: 'back' }),
  };
  const common = { booking, handle, office, language, problem: state.problem };
  switch (state.step) {
    case 'view':
      return <ViewPage {...common} onMove={() => go({ type: 'move' })} onCancel={() => go({ type: 'cancel' })} />;
    case 'day':
      return (
        <DayPage
          {...picker}
          from={state.window}
          onWindow={(start) => dispatch({ type: 'window', start })}
          onPick={(day) => go({ type: 'day', day })}
        />
      );
    case 'time':
      return (
        <TimePage
          {...picker}
          day={state.day!}
          onPick={(slot) => go({ type: 'slot', slot })}
          onOtherDay={() => go({ type: 'back' })}
        />
      );
    case 'check':
      return (
        <MovePage
          {...common}
          slot={state.slot!}
          sending={sending.busy}
          onConfirm={sending.move}
          onBack={() => go({ type: 'back' })}
        />
      );
    case 'moved':
      return <MovedPage {...common} onReturn={() => go({ type: 'view' })} />;
    case 'cancel':
      return (
        <CancelPage {...common} sending={sending.busy} onConfirm={sending.cancel} onKeep={() => go({ type: 'view' })} />
      );
    case 'cancelled':
      return <CancelledPage />;
  }
}

/**
 * Sends a move or a cancellation once at a time; the answer moves on, or back with the problem.
 * The clerk's appointments screen (apps/appointments) sends its own through it too.
 */
export function useSendChange(
  client: BookingClient,
  handle: BookingHandle,
  state: Managing,
  go: (action: ManageAction) => void,
  onProblem: (problem: Problem) => void,
) {
  const [busy, setBusy] = useState(false);
  const run = (ask: () => ReturnType<BookingClient['cancel']>, done: (booking: Booking) => ManageAction) => {
    if (busy) return;
    setBusy(true);
    void ask().then((answer) => {
      setBusy(false);
      if (answer.kind === 'ok') go(done(answer.value));
      else onProblem(problemOf(answer) ?? 'lost');
    });
  };
  return {
    busy,
    move: () => {
      const slot = state.slot;
      if (slot)
        run(
          () => client.move(handle, slot.at),
          (booking) => ({ type: 'moved', booking }),
        );
    },
    cancel: () =>
      run(
        () => client.cancel(handle),
        (booking) => ({ type: 'cancelled', booking }),
      ),
  };
}

/** No booking with this code and key, or no code and key at all: said the same. */
export function UnknownBooking() {
  const t = useT();
  return (
    <>
      <PageHeading>{t('booking.problem.unknown-booking')}</PageHeading>
      <p>{t('booking.manage.unknownHint')}</p>
      <NewBookingLink />
    </>
  );
}
