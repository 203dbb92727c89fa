/**
 * One booking found by its code: what it is; "Zmień termin" (a day, a time, a confirmation — the
 * booking page's pickers and its move page) and "Odwołaj wizytę" (a confirmation). The steps are
 * the booking page's manage reducer (apps/booking/manage-flow.ts); a clerk needs no manage key.
 */
import { useReducer } from 'react';
import type { Booking, PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import { useT } from '../../i18n/i18n';
import type { BookingClient, BookingHandle } from '../booking/booking-client';
import { useSendChange } from '../booking/manage';
import { manage, VIEWING, type ManageAction, type Managing } from '../booking/manage-flow';
import { MovePage } from '../booking/manage-pages';
import { BackButton, Loading, PageHeading, ProblemBox, useNavigate } from '../booking/page-parts';
import { DayPage, TimePage, type PickerProps } from '../booking/pickers';
import type { Problem } from '../booking/problems';
import { useLoaded } from '../booking/use-loaded';
import { FindForm } from './find-form';
import { CancelledPage, CancelPage, MovedPage, ViewPage } from './found-pages';
import { clerkWords } from './words';

interface Props {
  readonly client: BookingClient;
  readonly office: PublicOffice;
  readonly language: Language;
  readonly code: string;
  /** Another code typed (after one the hub does not know). */
  readonly onFind: (code: string) => void;
  /** Back to the start of the screen. */
  readonly onLeave: () => void;
}

export function FoundAppointment(props: Props) {
  const { client, code } = props;
  const t = useT();
  const handle: BookingHandle = { code, key: '' };
  const { loaded, retry } = useLoaded(code, () => client.find(handle));
  const [state, dispatch] = useReducer(manage, VIEWING);
  const go = useNavigate<ManageAction>(dispatch);
  const onProblem = (found: Problem) => {
    go({ type: 'problem', problem: found });
    // Closed or gone meanwhile (checked in at the kiosk, cancelled elsewhere): as it is now.
    if (found === 'booking-closed' || found === 'unknown-booking') retry();
  };
  if (loaded.state === 'failed' && loaded.problem === 'unknown-booking') return <UnknownCode {...props} />;
  if (loaded.state !== 'ready')
    return (
      <>
        <BackButton onBack={props.onLeave} />
        <PageHeading>{t('appointments.view.title', { code })}</PageHeading>
        {loaded.state === 'loading' ? (
          <Loading />
        ) : (
          <>
            <ProblemBox problem={loaded.problem} words={clerkWords(loaded.problem)} />
            <button type="button" onClick={retry}>
              {t('booking.retry')}
            </button>
          </>
        )}
      </>
    );
  const booking = state.booking ?? loaded.value;
  return (
    <FoundSteps
      {...props}
      handle={handle}
      state={state}
      booking={booking}
      go={go}
      dispatch={dispatch}
      onProblem={onProblem}
    />
  );
}

function FoundSteps({
  client,
  office,
  language,
  handle,
  state,
  booking,
  go,
  dispatch,
  onProblem,
  onLeave,
}: Props & {
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
  const common = { booking, language, problem: state.problem };
  switch (state.step) {
    case 'view':
      return (
        <ViewPage
          {...common}
          onMove={() => go({ type: 'move' })}
          onCancel={() => go({ type: 'cancel' })}
          onLeave={onLeave}
        />
      );
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
          handle={handle}
          office={office}
          slot={state.slot!}
          sending={sending.busy}
          onConfirm={sending.move}
          onBack={() => go({ type: 'back' })}
        />
      );
    case 'moved':
      return <MovedPage {...common} onReturn={() => go({ type: 'view' })} onLeave={onLeave} />;
    case 'cancel':
      return (
        <CancelPage {...common} sending={sending.busy} onConfirm={sending.cancel} onKeep={() => go({ type: 'view' })} />
      );
    case 'cancelled':
      return <CancelledPage {...common} onLeave={onLeave} />;
  }
}

/** No booking with this code: said so, with the code to type again. */
function UnknownCode({ code, onFind, onLeave }: Props) {
  const t = useT();
  return (
    <>
      <BackButton onBack={onLeave} />
      <PageHeading>{t('appointments.unknown.title', { code })}</PageHeading>
      <ProblemBox problem="unknown-booking" words={clerkWords('unknown-booking')} />
      <FindForm initial={code} onFind={onFind} />
    </>
  );
}
