/**
 * The visitor's details at the counter, for the matter at hand only: read from the ID card when
 * the visitor swipes it, or typed with the same checks. Only the fields the service needs are
 * shown and kept, and only in this screen's memory — nothing here is stored or synchronised, and
 * it is gone when the visit ends.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { IdRead } from '../../../electron/common/contract/devices';
import { useWorkstation } from '../../app/workstation';
import type { ServiceDoc } from '../../db/schemas';
import {
  SERVICE_IDENTITY_FIELDS,
  validateVisitorIdentity,
  type IdentityProblem,
  type VisitorIdentity,
} from '../../../electron/common/domain/identity';
import { useT, type MessageId, type Translate } from '../../i18n/i18n';

export type VisitorField = NonNullable<ServiceDoc['identityFields']>[number];

export interface Visitor {
  readonly values: Partial<Record<VisitorField, string>>;
  readonly source: 'card' | 'typed';
}

/** The order the form shows them in: the order the domain lists them in. */
const FIELD_ORDER: readonly VisitorField[] = SERVICE_IDENTITY_FIELDS;

/** Only what the service needs, from a full identity. */
export function minimise(
  identity: VisitorIdentity,
  fields: readonly VisitorField[],
): Partial<Record<VisitorField, string>> {
  const values: Partial<Record<VisitorField, string>> = {};
  for (const field of fields) {
    const value = identity[field];
    if (typeof value === 'string' && value) values[field] = value;
  }
  return values;
}

/** Checks typed values with the same rules as a card: only problems of the fields asked for. */
export function checkTyped(
  values: Partial<Record<VisitorField, string>>,
  fields: readonly VisitorField[],
  today: string,
): IdentityProblem[] {
  const identity: VisitorIdentity = {
    givenNames: values.givenNames ?? 'X',
    surname: values.surname ?? 'X',
    documentKind: 'id-card',
    documentNumber: values.documentNumber ?? '',
    issuingState: 'POL',
    nationality: values.nationality ?? 'POL',
    birthDate: values.birthDate ?? '',
    sex: 'unspecified',
    ...(values.pesel ? { pesel: values.pesel } : {}),
  };
  const problems = validateVisitorIdentity(identity, { today });
  const required = fields
    .filter((field) => !values[field]?.trim())
    .map((field) => ({ field, problem: 'required' as const }));
  return [
    ...required,
    ...problems.filter(
      (problem) =>
        (fields as readonly string[]).includes(problem.field) && values[problem.field as VisitorField]?.trim(),
    ),
  ];
}

const READ_PARTS = new Set([
  'line-1',
  'line-2',
  'line-3',
  'frame-bcc',
  'swipe',
  'documentNumber',
  'birthDate',
  'expiryDate',
  'personalNumber',
  'composite',
  'format',
  'documentCode',
  'issuingState',
  'nationality',
]);

/** The reader's name for what failed (`line-2`, `birthDate`…) in the clerk's words. */
export function partMessage(part: string | undefined): MessageId {
  return `visitor.part.${part && READ_PARTS.has(part) ? part : 'other'}` as MessageId;
}

export function VisitorPanel({
  service,
  today,
  visitor,
  onVisitor,
}: {
  service: ServiceDoc | undefined;
  today: string;
  visitor: Visitor | null;
  onVisitor: (visitor: Visitor | null) => void;
}) {
  const t = useT();
  const { api } = useWorkstation();
  const fields = FIELD_ORDER.filter((field) => service?.identityFields?.includes(field));
  const [typing, setTyping] = useState(false);
  const [draft, setDraft] = useState<Partial<Record<VisitorField, string>>>({});
  const [problems, setProblems] = useState<readonly IdentityProblem[]>([]);
  const [readFailure, setReadFailure] = useState<Extract<IdRead, { ok: false }> | null>(null);

  // A swipe fills the details (only those this matter needs).
  useEffect(() => {
    return api.on('idReader.read', (read) => {
      if (!read.ok) {
        setReadFailure(read);
        return;
      }
      setReadFailure(null);
      setTyping(false);
      setProblems(read.problems);
      onVisitor({ values: minimise(read.identity, fields), source: 'card' });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `fields` is a new array each render; its contents are the dependency
  }, [api, fields.join(','), onVisitor]);

  if (fields.length === 0) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkTyped(draft, fields, today);
    setProblems(found);
    if (found.length === 0) {
      setReadFailure(null);
      onVisitor({
        values: Object.fromEntries(fields.map((field) => [field, draft[field]?.trim() ?? ''])),
        source: 'typed',
      });
      setTyping(false);
    }
  };

  const startTyping = () => {
    setDraft({});
    setProblems([]);
    setTyping(true);
  };

  return (
    <section className="visitor" aria-labelledby="visitor-title">
      <h2 id="visitor-title">{t('visitor.title')}</h2>
      {readFailure && (
        <p className="visitor-error" role="alert">
          {t(`visitor.read.${readFailure.reason}` as MessageId, { part: t(partMessage(readFailure.part)) })}
        </p>
      )}
      {visitor && !typing ? (
        <VisitorDetails fields={fields} visitor={visitor} problems={problems} onClear={() => onVisitor(null)} />
      ) : typing ? (
        <VisitorForm
          fields={fields}
          draft={draft}
          onDraft={setDraft}
          problems={problems}
          onSubmit={submit}
          onCancel={() => setTyping(false)}
        />
      ) : (
        <>
          <p>{t('visitor.swipe')}</p>
          <button type="button" onClick={startTyping}>
            {t('visitor.type')}
          </button>
        </>
      )}
    </section>
  );
}

/** A problem with one field, in the clerk's words. */
function problemText(t: Translate, problem: IdentityProblem): string {
  return t(`visitor.problem.${problem.problem}` as MessageId, {
    field: t(`visitor.field.${problem.field}` as MessageId),
  });
}

/** The details as read or typed, with what is wrong with them. */
function VisitorDetails({
  fields,
  visitor,
  problems,
  onClear,
}: {
  fields: readonly VisitorField[];
  visitor: Visitor;
  problems: readonly IdentityProblem[];
  onClear: () => void;
}) {
  const t = useT();
  return (
    <>
      <dl className="visitor-fields">
        {fields.map((field) => (
          <div key={field}>
            <dt>{t(`visitor.field.${field}` as MessageId)}</dt>
            <dd>{visitor.values[field] ?? t('common.none')}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t(visitor.source === 'card' ? 'visitor.fromCard' : 'visitor.typed')}</p>
      {problems.length > 0 && (
        <ul className="visitor-problems" role="alert">
          {problems.map((problem) => (
            <li key={`${problem.field}-${problem.problem}`}>{problemText(t, problem)}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onClear}>
        {t('visitor.clear')}
      </button>
    </>
  );
}

/** The fields the matter needs, typed by the clerk, each with its problem under it. */
function VisitorForm({
  fields,
  draft,
  onDraft,
  problems,
  onSubmit,
  onCancel,
}: {
  fields: readonly VisitorField[];
  draft: Partial<Record<VisitorField, string>>;
  onDraft: (draft: Partial<Record<VisitorField, string>>) => void;
  problems: readonly IdentityProblem[];
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <form className="visitor-form" onSubmit={onSubmit} noValidate>
      {fields.map((field) => {
        const problem = problems.find((candidate) => candidate.field === field);
        return (
          <div key={field} className="visitor-input">
            <label htmlFor={`visitor-${field}`}>{t(`visitor.field.${field}` as MessageId)}</label>
            <input
              id={`visitor-${field}`}
              value={draft[field] ?? ''}
              inputMode={field === 'pesel' ? 'numeric' : undefined}
              autoComplete="off"
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `visitor-${field}-problem` : undefined}
              onChange={(event) => onDraft({ ...draft, [field]: event.target.value })}
            />
            {problem && (
              <p id={`visitor-${field}-problem`} className="visitor-error">
                {problemText(t, { ...problem, field })}
              </p>
            )}
          </div>
        );
      })}
      <div className="counter-actions">
        <button type="submit" className="primary">
          {t('visitor.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('counter.transfer.cancel')}
        </button>
      </div>
    </form>
  );
}
