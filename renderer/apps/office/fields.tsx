/**
 * The set-up screen's fields, each bound to a path of the draft (form.ts): a label on every one,
 * its hint and its problems (aria-describedby, aria-invalid) above it, as GOV.UK's forms do. A
 * number or a list of words keeps what is being typed until it reads as a value.
 */
import { useState } from 'react';
import { LANGUAGES } from '../../../electron/common/domain/office';
import type { Path } from '../../../electron/common/validation/schema-problems';
import { useT, type MessageId } from '../../i18n/i18n';
import { getAt } from './draft';
import { useOfficeForm, type OfficeForm } from './form';
import { fieldId, problemId } from './problems';

/** The words of the problems at `path`, where there are any. */
export function Problems({ path }: { path: Path }) {
  const words = useOfficeForm().problemsAt(path);
  if (words.length === 0) return null;
  return (
    <ul id={problemId(path)} className="office-problem">
      {words.map((text) => (
        <li key={text}>{text}</li>
      ))}
    </ul>
  );
}

/** aria-invalid and aria-describedby of a field at `path` (its hint, then its problems). */
function described(form: OfficeForm, path: Path, hint?: string) {
  const invalid = form.problemsAt(path).length > 0;
  const ids = [hint, invalid ? problemId(path) : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': ids || undefined };
}

interface TextFieldProps {
  readonly path: Path;
  readonly label: string;
  readonly hint?: string;
  readonly type?: 'text' | 'url' | 'time' | 'date';
  readonly readOnly?: boolean;
  /** The id of a datalist offering values. */
  readonly list?: string;
  readonly maxLength?: number;
  /** What typing does instead of putting the text at `path`. */
  readonly onText?: (text: string) => void;
  /** The text shown when the draft has none here. */
  readonly shown?: string;
}

export function TextField({
  path,
  label,
  hint,
  type = 'text',
  readOnly,
  list,
  maxLength,
  onText,
  shown,
}: TextFieldProps) {
  const form = useOfficeForm();
  const id = fieldId(path);
  const value = getAt(form.draft, path);
  return (
    <div className="office-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <Problems path={path} />
      <input
        id={id}
        type={type}
        value={typeof value === 'string' ? value : (shown ?? '')}
        readOnly={readOnly}
        list={list}
        maxLength={maxLength}
        autoComplete="off"
        {...described(form, path, hint && `${id}-hint`)}
        onChange={(event) => (onText ? onText(event.target.value) : form.set(path, event.target.value))}
      />
    </div>
  );
}

/** A whole number as typed: undefined when empty (the check names a required one), NaN when not a number. */
function readNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d{1,7}$/.test(trimmed) ? Number(trimmed) : NaN;
}

export function NumberField({ path, label, hint }: { path: Path; label: string; hint?: string }) {
  const form = useOfficeForm();
  const id = fieldId(path);
  const value = getAt(form.draft, path);
  const [typed, setTyped] = useState<string | null>(null);
  // What was typed, while it still reads as the draft's value; the draft's value after any other change.
  const text =
    typed !== null && Object.is(readNumber(typed), value) ? typed : typeof value === 'number' ? String(value) : '';
  return (
    <div className="office-field office-number">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <Problems path={path} />
      <input
        id={id}
        inputMode="numeric"
        value={text}
        autoComplete="off"
        {...described(form, path, hint && `${id}-hint`)}
        onChange={(event) => {
          setTyped(event.target.value);
          form.set(path, readNumber(event.target.value));
        }}
      />
    </div>
  );
}

/** A list of words typed with commas between them; `onWords`: what a change does instead of putting them at `path`. */
export function WordsField({
  path,
  label,
  hint,
  onWords,
}: {
  path: Path;
  label: string;
  hint: string;
  onWords?: (words: string[]) => void;
}) {
  const form = useOfficeForm();
  const value = getAt(form.draft, path);
  const words = Array.isArray(value) ? (value as string[]) : [];
  const [typed, setTyped] = useState<string | null>(null);
  const read = (text: string) =>
    text
      .split(',')
      .map((word) => word.trim())
      .filter((word) => word !== '');
  const text = typed !== null && read(typed).join('\n') === words.join('\n') ? typed : words.join(', ');
  return (
    <TextField
      path={path}
      label={label}
      hint={hint}
      shown={text}
      onText={(next) => {
        setTyped(next);
        if (onWords) onWords(read(next));
        else form.set(path, read(next));
      }}
    />
  );
}

export function CheckboxField({ path, label }: { path: Path; label: string }) {
  const form = useOfficeForm();
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={getAt(form.draft, path) === true}
        onChange={(event) => form.set(path, event.target.checked)}
      />
      {label}
    </label>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/**
 * Check boxes choosing values for the list at `path`, kept in the order of `choices`; `absent`: what
 * no list means. A value the list has that is not a choice (a service no longer there) shows too,
 * worded by `unknown`, so it can be unticked.
 */
export function CheckList({
  path,
  legend,
  choices: offered,
  absent = [],
  unknown = (value) => value,
}: {
  path: Path;
  legend: string;
  choices: readonly Choice[];
  absent?: readonly string[];
  unknown?: (value: string) => string;
}) {
  const form = useOfficeForm();
  const value = getAt(form.draft, path);
  const chosen = Array.isArray(value) ? (value as string[]) : absent;
  const choices = [
    ...offered,
    ...chosen
      .filter((other) => !offered.some((choice) => choice.value === other))
      .map((other) => ({ value: other, label: unknown(other) })),
  ];
  const toggle = (choice: string, on: boolean) => {
    const next = on ? [...chosen, choice] : chosen.filter((other) => other !== choice);
    const known = choices.map((option) => option.value);
    form.set(path, [
      ...known.filter((option) => next.includes(option)),
      ...next.filter((other) => !known.includes(other)),
    ]);
  };
  return (
    <fieldset id={fieldId(path)} className="office-checks">
      <legend>{legend}</legend>
      <Problems path={path} />
      {choices.map((choice) => (
        <label key={choice.value} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(choice.value)}
            onChange={(event) => toggle(choice.value, event.target.checked)}
          />
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The same text in Polish, English and Ukrainian; `optional`: all three empty leaves it out. */
export function LocalizedFields({ path, legend, optional }: { path: Path; legend: string; optional?: boolean }) {
  const t = useT();
  const form = useOfficeForm();
  const current = getAt(form.draft, path) as Partial<Record<string, string>> | undefined;
  const type = (language: string) => (text: string) => {
    const next = { pl: '', en: '', uk: '', ...current, [language]: text };
    form.set(path, optional && LANGUAGES.every((other) => next[other] === '') ? undefined : next);
  };
  return (
    <fieldset id={fieldId(path)} className="office-localized">
      <legend>{legend}</legend>
      {LANGUAGES.map((language) => (
        <TextField
          key={language}
          path={[...path, language]}
          label={t(`office.in.${language}` as MessageId, { what: legend })}
          onText={type(language)}
        />
      ))}
    </fieldset>
  );
}
