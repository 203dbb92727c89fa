/**
 * The waiting-room board: the newest call in very large type, the earlier ones below, readable
 * from across the room. Each new call (and each recall) rings a chime and is read out in Polish —
 * "Numer A 12, stanowisko 3" — one after another, never cutting each other off.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useOffice, useServices, useTicketsOfDay, useToday } from '../../app/data';
import { Announcer, SPEECH_LANG, type Announcement } from '../../app/speech';
import { useNow } from '../../app/use-rx';
import { useWorkstation } from '../../app/workstation';
import { LANGUAGES, type Language, type Office, type Service } from '../../../electron/common/domain/office';
import { LanguageProvider, translator, useT, type MessageId } from '../../i18n/i18n';

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
  return <BoardWithLanguage data={{ office, services, calls, waiting }} />;
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
 * Reads each new call aloud once, after a chime, one after another: a call is its ticket and the
 * time of the (re)call. Calls already on the board when it opens are not read out again.
 * `spoken`: the last five texts read out, newest last.
 */
function useAnnouncements(
  office: Office | null,
  calls: readonly BoardCall[],
  sound: boolean,
): { spoken: string[]; unlock: () => void } {
  const [spoken, setSpoken] = useState<string[]>([]);
  const announcer = useRef<Announcer | null>(null);
  announcer.current ??= new Announcer({
    chime: true,
    onAnnounce: (announcement: Announcement) => setSpoken((previous) => [...previous.slice(-4), announcement.text]),
  });
  useEffect(() => {
    if (announcer.current) announcer.current.muted = !sound;
  }, [sound]);

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
      announcer.current?.enqueue({
        text: polish('board.announce', { ...spokenNumber(ticket.number), counter: ticket.counter }),
        lang: SPEECH_LANG.pl,
      });
    }
  }, [calls, office]);

  return { spoken, unlock: () => announcer.current?.unlock() };
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
  const { office, services, calls } = data;
  const [sound, setSound] = useState(false);
  const { spoken, unlock } = useAnnouncements(office, calls, sound);

  const [newest, ...earlier] = calls;
  const waitingByService = services
    .filter((service) => service.active)
    .map((service) => ({ service, count: data.waiting[service.id] ?? 0 }));

  return (
    <main className="board" lang={language}>
      <header className="board-header">
        <h1>{office?.name[language] ?? t('board.title')}</h1>
        <BoardClock office={office} language={language} />
        <div className="board-controls">
          <LanguageButtons language={language} onLanguage={onLanguage} />
          <button
            type="button"
            aria-pressed={sound}
            onClick={() => {
              unlock();
              setSound(!sound);
            }}
          >
            {sound ? t('board.sound.off') : t('board.sound.on')}
          </button>
        </div>
      </header>

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
        {/* What was read out, newest last: screen-reader users hear it, tests read it. */}
        <ol className="visually-hidden" role="log" aria-label={t('board.announcements')}>
          {spoken.map((text, index) => (
            <li key={`${index}-${text}`}>{text}</li>
          ))}
        </ol>
      </footer>
    </main>
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

function LanguageButtons({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  const t = useT();
  return (
    <div role="group" aria-label={t('language.choose')}>
      {LANGUAGES.map((code) => (
        <button key={code} type="button" lang={code} aria-pressed={language === code} onClick={() => onLanguage(code)}>
          {t(`language.${code}` as MessageId)}
        </button>
      ))}
    </div>
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
