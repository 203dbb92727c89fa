/**
 * The file section: export the configuration as it is saved, import one (refused: its problems,
 * each naming its field, and that nothing changed; accepted: a dialog saying what it replaces).
 */
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n';
import type { ConfigFile, PendingImport } from './use-config-file';
import { OutcomeLine } from './outcome-line';

export function ConfigFileSection({ file, saved, busy }: { file: ConfigFile; saved: boolean; busy: boolean }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="office-card" aria-labelledby="office-file-title">
      <h2 id="office-file-title">{t('office.file.title')}</h2>
      <p className="hint">{t('office.file.hint')}</p>
      {saved ? (
        <button type="button" onClick={() => void file.exportFile()}>
          {t('office.file.export')}
        </button>
      ) : (
        <p>{t('office.file.nothing')}</p>
      )}
      <div className="office-field">
        <label htmlFor="office-import">{t('office.file.import')}</label>
        <input
          id="office-import"
          ref={input}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            // The same file may be chosen again after it is corrected.
            event.target.value = '';
            if (chosen) void file.importFile(chosen);
          }}
        />
      </div>
      {file.refused && (
        <div className="office-refused" role="alert">
          <p>{t('office.file.refused', { file: file.refused.file, count: file.refused.problems.length })}</p>
          <ul>
            {file.refused.problems.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
          <p>{t('office.file.unchanged')}</p>
        </div>
      )}
      <OutcomeLine outcome={file.outcome} />
      {file.pending && (
        <ImportDialog
          pending={file.pending}
          onConfirm={() => {
            input.current?.focus();
            void file.confirm();
          }}
          onCancel={() => {
            file.cancel();
            input.current?.focus();
          }}
        />
      )}
    </section>
  );
}

function ImportDialog({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: PendingImport;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onCancel]);
  const { services, counters } = pending.configuration;
  return (
    <div className="dialog-backdrop">
      <section
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="office-import-title"
        aria-describedby="office-import-text"
        className="dialog"
      >
        <h2 id="office-import-title">{t('office.import.title')}</h2>
        <p id="office-import-text">
          {t('office.import.text', {
            file: pending.file,
            name: pending.configuration.office.name.pl,
            services: services.length,
            counters: counters.length,
          })}
        </p>
        <div className="dialog-actions">
          <button type="button" ref={first} onClick={onCancel}>
            {t('office.import.cancel')}
          </button>
          <button type="button" className="danger" onClick={onConfirm}>
            {t('office.import.confirm')}
          </button>
        </div>
      </section>
    </div>
  );
}
