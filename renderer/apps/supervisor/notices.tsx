/**
 * The supervisor's notices to the waiting room (issue 13): post one in the office's three
 * languages, from and until when, normal (a band on the boards and kiosks) or urgent (the whole
 * board); the standing ones listed, each withdrawn with one button. Posting and withdrawing are
 * offered to the roles SCREEN_ACTIONS names ('notices.post'), which the hub checks on every push.
 */
import { useId, useState, type FormEvent } from 'react';
import { SCREEN_ACTIONS } from '../../../electron/common/access/station-access';
import { isPendingOrActive, type NoticeUrgency } from '../../../electron/common/domain/notice';
import { LANGUAGES, type Language } from '../../../electron/common/domain/office';
import { useNotices } from '../../app/data';
import { useSession } from '../../app/session';
import { useMayUse } from '../../app/use-may-use';
import { useNow } from '../../app/use-rx';
import { useWorkstation } from '../../app/workstation';
import { postNotice, withdrawNotice } from '../../db/notices';
import type { NoticeDoc } from '../../db/schemas';
import { useT, type MessageId } from '../../i18n/i18n';

const HOUR = 3_600_000;

/** A time as `<input type="datetime-local">` writes it, in this workstation's time zone. */
function localInput(at: number): string {
  const date = new Date(at - new Date(at).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

function when(at: number): string {
  return new Intl.DateTimeFormat('pl-PL', { dateStyle: 'short', timeStyle: 'short' }).format(at);
}

export function NoticesSection() {
  const t = useT();
  const { db } = useWorkstation();
  const now = useNow(30_000);
  const standing = useNotices().filter((notice) => isPendingOrActive(notice, now));
  const mayPost = useMayUse(SCREEN_ACTIONS['notices.post']);
  const [said, setSaid] = useState<MessageId | null>(null);
  const withdraw = async (notice: NoticeDoc) => {
    await withdrawNotice(db, notice.id);
    setSaid('notices.withdrawn');
  };
  return (
    <section aria-labelledby="notices-title" className="notices">
      <h2 id="notices-title">{t('notices.title')}</h2>
      {standing.length === 0 ? (
        <p>{t('notices.none')}</p>
      ) : (
        <ol className="notices-list">
          {standing.map((notice, index) => (
            <li key={notice.id}>
              <p>
                {t('notices.when', { from: when(notice.from), until: when(notice.until) })}
                {notice.urgency === 'urgent' && <strong> ({t('notices.urgentTag')})</strong>}
              </p>
              <p>{notice.text.pl}</p>
              {mayPost && (
                <button type="button" onClick={() => void withdraw(notice)}>
                  {t('notices.withdraw', { number: index + 1 })}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <p role="status">{said && t(said)}</p>
      {mayPost ? <NoticeForm onPosted={() => setSaid('notices.posted')} /> : <p>{t('notices.managerOnly')}</p>}
    </section>
  );
}

function NoticeForm({ onPosted }: { onPosted: () => void }) {
  const t = useT();
  const id = useId();
  const { db } = useWorkstation();
  const session = useSession();
  const [text, setText] = useState<Record<Language, string>>({ pl: '', en: '', uk: '' });
  const [from, setFrom] = useState(() => localInput(Date.now()));
  const [until, setUntil] = useState(() => localInput(Date.now() + 4 * HOUR));
  const [urgency, setUrgency] = useState<NoticeUrgency>('normal');
  const [invalid, setInvalid] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [start, end] = [new Date(from).getTime(), new Date(until).getTime()];
    const words = { pl: text.pl.trim(), en: text.en.trim(), uk: text.uk.trim() };
    if (!(end > start) || LANGUAGES.some((code) => words[code] === '')) return setInvalid(true);
    setInvalid(false);
    await postNotice(db, { text: words, from: start, until: end, urgency, by: session?.user?.login });
    setText({ pl: '', en: '', uk: '' });
    onPosted();
  };

  return (
    <form className="notice-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-title`}>{t('notices.new')}</h3>
      {LANGUAGES.map((code) => (
        <label key={code}>
          {t(`notices.text.${code}` as MessageId)}
          <textarea
            lang={code}
            rows={2}
            maxLength={500}
            value={text[code]}
            onChange={(event) => setText({ ...text, [code]: event.target.value })}
          />
        </label>
      ))}
      <label>
        {t('notices.from')}
        <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
      </label>
      <label>
        {t('notices.until')}
        <input type="datetime-local" value={until} onChange={(event) => setUntil(event.target.value)} />
      </label>
      <label>
        <input
          type="checkbox"
          checked={urgency === 'urgent'}
          onChange={(event) => setUrgency(event.target.checked ? 'urgent' : 'normal')}
        />
        {t('notices.urgent')}
      </label>
      {invalid && <p role="alert">{t('notices.invalid')}</p>}
      <button type="submit">{t('notices.post')}</button>
    </form>
  );
}
