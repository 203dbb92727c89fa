/**
 * The supervisor's notices on the waiting-room screens (issue 13): a normal one in a band above the
 * calls, an urgent one (an evacuation, a system outage) in place of the whole board until it is
 * withdrawn or over. The board reads each notice aloud once, in Polish, English and Ukrainian, and
 * remembers which it read in the display's localStorage (by id), so a reload or a TV switched off
 * and on does not read it again; it counts as read only once all three were spoken to their end.
 */
import { useEffect, useMemo, useRef } from 'react';
import { activeNotices, type PublicNotice } from '../../../electron/common/domain/notice';
import { LANGUAGES, type Language } from '../../../electron/common/domain/office';
import { SPEECH_LANG, type Announcer } from '../../app/speech';
import { useNow } from '../../app/use-rx';
import { useT } from '../../i18n/i18n';

/** The notices standing now, by this screen's clock: urgent first, then the newest. */
export function useActiveNotices(notices: readonly PublicNotice[]): PublicNotice[] {
  const now = useNow(5_000);
  return useMemo(() => activeNotices(notices, now), [notices, now]);
}

/** The normal notices in one band; nothing when there are none. */
export function NoticeBand({ notices, language }: { notices: readonly PublicNotice[]; language: Language }) {
  const t = useT();
  if (notices.length === 0) return null;
  return (
    <section className="notice-band" aria-label={t('board.notices')}>
      {notices.map((notice) => (
        <p key={notice.id} className={notice.urgency === 'urgent' ? 'notice notice-urgent' : 'notice'}>
          {notice.text[language]}
        </p>
      ))}
    </section>
  );
}

/** An urgent notice in large type, the chosen language first and the other two below it. */
export function UrgentNotice({ notice, language }: { notice: PublicNotice; language: Language }) {
  const t = useT();
  const others = LANGUAGES.filter((code) => code !== language && notice.text[code].trim() !== '');
  return (
    <section className="board-urgent" aria-labelledby="board-urgent-title">
      <h2 id="board-urgent-title">{t('board.urgent')}</h2>
      <p className="board-urgent-text">{notice.text[language]}</p>
      {others.map((code) => (
        <p key={code} className="board-urgent-other" lang={code}>
          {notice.text[code]}
        </p>
      ))}
    </section>
  );
}

const READ_KEY = 'okienko.board.noticesRead';
/** More than ever stand at once; older ids are long over. */
const READ_KEPT = 100;

function readIds(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(READ_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function rememberRead(id: string): void {
  try {
    localStorage.setItem(
      READ_KEY,
      JSON.stringify([...readIds().filter((known) => known !== id), id].slice(-READ_KEPT)),
    );
  } catch {
    // storage full or refused: the notice may be read once more after a reload, no worse
  }
}

/**
 * Reads each standing notice aloud once while sound is on. One whose reading did not finish (sound
 * went off, the browser refused, the speech engine failed) is read again when sound is next turned on.
 */
export function useNoticeReading(active: readonly PublicNotice[], announcer: Announcer, soundOn: boolean) {
  const reading = useRef(new Set<string>());
  // Not read to its end while sound stayed on: not again (with its chime) at every refresh of the
  // board, only once sound has been off and on again.
  const failed = useRef(new Set<string>());
  useEffect(() => {
    if (!soundOn) failed.current.clear();
  }, [soundOn]);
  useEffect(() => {
    if (!soundOn) return;
    const read = new Set(readIds());
    for (const notice of active) {
      if (read.has(notice.id) || reading.current.has(notice.id) || failed.current.has(notice.id)) continue;
      reading.current.add(notice.id);
      const texts = LANGUAGES.filter((code) => notice.text[code].trim() !== '').map((code, index) =>
        announcer.enqueue({ text: notice.text[code], lang: SPEECH_LANG[code], chime: index === 0 }),
      );
      void Promise.all(texts).then((spoken) => {
        if (spoken.every(Boolean)) rememberRead(notice.id);
        else failed.current.add(notice.id);
        reading.current.delete(notice.id);
      });
    }
  }, [active, announcer, soundOn]);
}
