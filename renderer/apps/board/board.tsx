/**
 * The waiting-room board: the newest call in very large type, the earlier ones below, readable
 * from across the room. Each new call (and each recall) rings a chime and is read out in Polish —
 * "Numer A 12, stanowisko 3" — one after another, never cutting each other off. The supervisor's
 * notices show in a band, an urgent one in place of the whole board (notices.tsx).
 *
 * Sound starts by itself where the window allows it (Electron's board window); a browser that
 * needs a click first gets a plain sentence saying so next to the button, until sound is on. A
 * call is logged as read out only once its speech ended.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNotices, useOffice, useServices, useTicketsOfDay, useToday } from '../../app/data';
import { Announcer, SPEECH_LANG, type Announcement } from '../../app/speech';
import type { PublicNotice } from '../../../electron/common/domain/notice';
import { useNow } from '../../app/use-rx';
import { useWorkstation } from '../../app/workstation';
import type { Language, Office, Service } from '../../../electron/common/domain/office';
import { LanguageProvider, translator, useT } from '../../i18n/i18n';
import { NoticeBand, UrgentNotice, useActiveNotices, useNoticeReading } from './notices';
import { LanguageButtons } from '../../app/language-buttons';

const SHOWN_CALLS = 8;

/** A call as the board shows it. */
export interface BoardCall {
  readonly id: string;
  readonly number: string;
  readonly counter: number;
  readonly calledAt: number;
}

export interface BoardData {
  readonly office: Office | null;
  readonly services: readonly Service[];
  /** Newest first. */
  readonly calls: readonly BoardCall[];
  readonly waiting: Readonly<Record<string, number>>;
  /** Not withdrawn; shown between their `from` and `until` by this screen's clock. */
  readonly notices: readonly PublicNotice[];
}

/** The board of a workstation, from its own database. */
export function Board() {
  const office = useOffice();
  const services = useServices();
  const today = useToday(office);
  const tickets = useTicketsOfDay(today);
  // With a hub, only calls the hub confirmed are shown and read out: never a call another
  // counter may have won a moment earlier.
  const { sync } = useWorkstation();
  const confirmedOnly = sync !== null;
  const calls = useMemo(
    () =>
      tickets
        .filter((ticket) => ticket.calledAt > 0 && (ticket.state === 'called' || ticket.state === 'serving'))
        .filter((ticket) => !confirmedOnly || (ticket.hubStamp ?? 0) > 0)
        .sort((a, b) => b.calledAt - a.calledAt)
        .slice(0, SHOWN_CALLS),
    [tickets, confirmedOnly],
  );
  const waiting = useMemo(() => {
    const counts: Record<string, number> = {};
    for (const ticket of tickets)
      if (ticket.state === 'waiting') counts[ticket.service] = (counts[ticket.service] ?? 0) + 1;
    return counts;
  }, [tickets]);
  const notices = useNotices();
  return <BoardWithLanguage data={{ office, services, calls, waiting, notices }} />;
}

export function BoardWithLanguage({ data }: { data: BoardData }) {
  const [language, setLanguage] = useState<Language>('pl');
  return (
    <LanguageProvider language={language}>
      <BoardScreen language={language} onLanguage={setLanguage} data={data} />
    </LanguageProvider>
  );
}

/** Splits `A12` into what the speech engine should say: the letter, then the digits as a number. */
export function spokenNumber(number: string): { letter: string; digits: string } {
  const match = /^([A-Z]+)(\d+)$/.exec(number);
  return match ? { letter: match[1] ?? '', digits: match[2] ?? '' } : { letter: '', digits: number };
}

/**
 * Whether the board sounds: it asks the browser at once (`probe`), so a window that allows sound
 * (Electron's board) speaks with no click; elsewhere it waits for the button.
 */
export type SoundState = 'probing' | 'on' | 'needs-click' | 'muted';

/**
 * Reads each new call aloud once, after a chime, one after another: a call is its ticket and the
 * time of the (re)call. Calls already on the board when it opens are not read out again, nor
 * calls made while sound is off. `spoken`: the last five texts read out to their end, newest last.
 */
function useAnnouncements(office: Office | null, calls: readonly BoardCall[]) {
  const [spoken, setSpoken] = useState<string[]>([]);
  const [sound, setSound] = useState<SoundState>('probing');
  const [announcer] = useState(
    () =>
      new Announcer({
        chime: true,
        onSpoken: (announcement: Announcement) => setSpoken((previous) => [...previous.slice(-4), announcement.text]),
      }),
  );
  useEffect(() => {
    let live = true;
    void announcer.probe().then((allowed) => {
      if (live) setSound((state) => (state === 'probing' ? (allowed ? 'on' : 'needs-click') : state));
    });
    return () => {
      live = false;
    };
  }, [announcer]);
  useEffect(() => {
    announcer.setMuted(sound !== 'on');
  }, [announcer, sound]);

  const announced = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!office) return;
    const keys = calls.map((ticket) => `${ticket.id}@${ticket.calledAt}`);
    if (announced.current === null) {
      announced.current = new Set(keys);
      return;
    }
    const fresh = calls.filter((ticket) => !announced.current?.has(`${ticket.id}@${ticket.calledAt}`)).reverse();
    const polish = translator('pl');
    for (const ticket of fresh) {
      announced.current.add(`${ticket.id}@${ticket.calledAt}`);
      void announcer.enqueue({
        text: polish('board.announce', { ...spokenNumber(ticket.number), counter: ticket.counter }),
        lang: SPEECH_LANG.pl,
      });
    }
  }, [announcer, calls, office]);

  const toggle = () => {
    if (sound === 'on') return setSound('muted');
    announcer.unlock();
    setSound('on');
  };
  return { spoken, sound, toggle, announcer };
}

function BoardScreen({
  language,
  onLanguage,
  data,
}: {
  language: Language;
  onLanguage: (language: Language) => void;
  data: BoardData;
}) {
  const t = useT();
  const { office, calls } = data;
  const { spoken, sound, toggle, announcer } = useAnnouncements(office, calls);
  const notices = useActiveNotices(data.notices);
  useNoticeReading(notices, announcer, sound === 'on');
  const urgent = notices.find((notice) => notice.urgency === 'urgent');

  return (
    <main className="board" lang={language}>
      <header className="board-header">
        <h1>{office?.name[language] ?? t('board.title')}</h1>
        <BoardClock office={office} language={language} />
        <div className="board-controls">
          <LanguageButtons language={language} onLanguage={onLanguage} />
          {/* Its words say what it will do, so it is not also a toggle (aria-pressed would contradict them). */}
          <button type="button" onClick={toggle}>
            {sound === 'on' ? t('board.sound.off') : t('board.sound.on')}
          </button>
        </div>
      </header>
      {sound === 'needs-click' && (
        <p className="board-sound-needed" role="status">
          {t('board.sound.needed')}
        </p>
      )}
      {urgent ? <UrgentNotice notice={urgent} language={language} /> : <BoardCalls data={data} language={language} />}
      {/* What was read out to its end, newest last: screen-reader users hear it, tests read it. */}
      <div className="visually-hidden" role="log" aria-label={t('board.announcements')}>
        <ol>
          {spoken.map((text, index) => (
            <li key={`${index}-${text}`}>{text}</li>
          ))}
        </ol>
      </div>
    </main>
  );
}

/** The calls, the notices' band and the queues: the board when no urgent notice takes it. */
function BoardCalls({ data, language }: { data: BoardData; language: Language }) {
  const t = useT();
  const notices = useActiveNotices(data.notices);
  const [newest, ...earlier] = data.calls;
  const waitingByService = data.services
    .filter((service) => service.active)
    .map((service) => ({ service, count: data.waiting[service.id] ?? 0 }));
  return (
    <>
      <NoticeBand notices={notices} language={language} />
      <section className="board-now" aria-labelledby="board-now-title">
        <h2 id="board-now-title">{t('board.now')}</h2>
        {newest ? (
          <p className="board-newest" key={`${newest.id}@${newest.calledAt}`}>
            <span className="board-newest-number">{newest.number}</span>
            <span className="board-arrow" aria-hidden="true">
              →
            </span>
            <span className="board-newest-counter">{t('board.toCounter', { counter: newest.counter })}</span>
          </p>
        ) : (
          <p className="board-empty">{t('board.empty')}</p>
        )}
      </section>
      <EarlierCalls calls={earlier} />
      <footer className="board-footer">
        <ul className="board-waiting" aria-label={t('board.waiting')}>
          {waitingByService.map(({ service, count }) => (
            <li key={service.id}>
              <span className="board-letter">{service.letter}</span> {service.name[language]}: {count}
            </li>
          ))}
        </ul>
      </footer>
    </>
  );
}

/** The office's time, ticking every second. */
function BoardClock({ office, language }: { office: Office | null; language: Language }) {
  const now = useNow(1000);
  return (
    <p className="board-clock" aria-hidden="true">
      {new Intl.DateTimeFormat(language, { timeZone: office?.timeZone, hour: '2-digit', minute: '2-digit' }).format(
        now,
      )}
    </p>
  );
}

function EarlierCalls({ calls }: { calls: readonly BoardCall[] }) {
  const t = useT();
  return (
    <section className="board-previous" aria-labelledby="board-previous-title">
      <h2 id="board-previous-title">{t('board.previous')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('board.number')}</th>
            <th scope="col">{t('board.counter')}</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((ticket) => (
            <tr key={ticket.id}>
              <th scope="row">{ticket.number}</th>
              <td>{ticket.counter}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
