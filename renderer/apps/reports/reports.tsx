/**
 * The supervisor's reports (`#/reports`): a period — today, this week, this month, last month,
 * this year or any first and last day — and the office's target wait, then the figures the hub
 * computes for it in SQL (use-report.ts, report-view.tsx). Without the hub, today's figures from
 * this workstation's own copy (today-report.ts), saying plainly that they are only that.
 *
 * Only for the roles the hub's door `reports` lets in (SCREEN_ACTIONS `reports.view`); anyone
 * else reads who may.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { SCREEN_ACTIONS } from '../../../electron/common/access/station-access';
import {
  DEFAULT_TARGET_MINUTES,
  MAX_REPORT_DAYS,
  type ReportQuery,
} from '../../../electron/common/contract/hub-reports';
import { formatRoute } from '../../../electron/common/routes';
import { satisfactionReport } from '../../../electron/common/reports/satisfaction-figures';
import { nextDay, todayReport } from '../../../electron/common/reports/today-report';
import { useAppointmentsOfDay, useCounters, useOffice, useServices, useTicketsOfDay, useToday } from '../../app/data';
import { useMayUse } from '../../app/use-may-use';
import type { OfficeDoc } from '../../db/schemas';
import { useT, type MessageId } from '../../i18n/i18n';
import { lastDayOf, PRESETS, presetRange, reportQuery, type Preset, type RangeProblem } from './range';
import { ReportView } from './report-view';
import { useAnswersOfDay } from './use-local-answers';
import { useHubReport } from './use-report';
import type { ReportNames } from './words';
import './reports.css';

export function Reports() {
  const t = useT();
  const mayView = useMayUse(SCREEN_ACTIONS['reports.view']);
  const office = useOffice();
  const today = useToday(office);
  return (
    <main className="reports">
      <h1>{t('reports.title')}</h1>
      <p>
        <a href={formatRoute({ screen: 'supervisor' })}>{t('reports.back')}</a>
      </p>
      {!mayView ? (
        <p>{t('reports.whoMay')}</p>
      ) : (
        today && (
          // Begun again when the office's target arrives: it is where the form starts.
          <ReportsOfOffice key={targetOf(office)} today={today} target={targetOf(office)} />
        )
      )}
    </main>
  );
}

const PROBLEMS: Readonly<Record<RangeProblem, MessageId>> = {
  day: 'reports.error.day',
  order: 'reports.error.order',
  long: 'reports.error.long',
  target: 'reports.error.target',
};

/** The office's target wait (the set-up screen's), or the usual 15 minutes. */
const targetOf = (office: OfficeDoc | null): number => office?.targetWaitMinutes ?? DEFAULT_TARGET_MINUTES;

function ReportsOfOffice({ today, target }: { today: string; target: number }) {
  const [query, setQuery] = useState<ReportQuery>(() => ({ from: today, to: nextDay(today), target }));
  const [attempt, setAttempt] = useState(0);
  const hub = useHubReport(query, attempt);
  return (
    <>
      <RangeForm
        today={today}
        target={target}
        onQuery={(next) => {
          setQuery(next);
          setAttempt((count) => count + 1);
        }}
      />
      <Result
        state={hub}
        today={today}
        target={query.target ?? target}
        retry={() => setAttempt((count) => count + 1)}
      />
    </>
  );
}

function RangeForm({
  today,
  target: officeTarget,
  onQuery,
}: {
  today: string;
  target: number;
  onQuery: (query: ReportQuery) => void;
}) {
  const t = useT();
  const [preset, setPreset] = useState<Preset>('today');
  const [from, setFrom] = useState(today);
  const [last, setLast] = useState(today);
  const [target, setTarget] = useState(String(officeTarget));
  const [problem, setProblem] = useState<RangeProblem | null>(null);
  const pick = (next: Preset) => {
    setPreset(next);
    const range = presetRange(next, today);
    if (range) {
      setFrom(range.from);
      setLast(range.last);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const picked = reportQuery(from, last, target);
    setProblem(picked.ok ? null : picked.problem);
    if (picked.ok) onQuery(picked.query);
  };
  return (
    <form aria-label={t('reports.form')} className="report-form" onSubmit={submit} noValidate>
      <fieldset className="report-presets">
        <legend>{t('reports.range')}</legend>
        {PRESETS.map((value) => (
          <label key={value} className="report-choice">
            <input type="radio" name="report-preset" checked={preset === value} onChange={() => pick(value)} />
            {t(`reports.range.${value}`)}
          </label>
        ))}
      </fieldset>
      <DayFields
        {...{ today, from, last, target, problem }}
        onFrom={(value) => {
          setFrom(value);
          setPreset('custom');
        }}
        onLast={(value) => {
          setLast(value);
          setPreset('custom');
        }}
        onTarget={setTarget}
      />
      {problem && (
        <p id="report-problem" role="alert" className="report-problem">
          {t(PROBLEMS[problem], { days: MAX_REPORT_DAYS })}
        </p>
      )}
      <button type="submit" className="primary">
        {t('reports.show')}
      </button>
    </form>
  );
}

/** The first and last day (inclusive) and the target wait, marked when what was typed is wrong. */
function DayFields(props: {
  today: string;
  from: string;
  last: string;
  target: string;
  problem: RangeProblem | null;
  onFrom: (value: string) => void;
  onLast: (value: string) => void;
  onTarget: (value: string) => void;
}) {
  const t = useT();
  const { problem } = props;
  const daysWrong = problem === 'day' || problem === 'order' || problem === 'long';
  const describedBy = (wrong: boolean) => (wrong ? { 'aria-invalid': true, 'aria-describedby': 'report-problem' } : {});
  return (
    <div className="report-days">
      <label>
        {t('reports.from')}
        <input
          type="date"
          value={props.from}
          max={props.today}
          onChange={(event) => props.onFrom(event.target.value)}
          {...describedBy(daysWrong)}
        />
      </label>
      <label>
        {t('reports.to')}
        <input
          type="date"
          value={props.last}
          onChange={(event) => props.onLast(event.target.value)}
          {...describedBy(daysWrong)}
        />
      </label>
      <label>
        {t('reports.target')}
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={480}
          value={props.target}
          onChange={(event) => props.onTarget(event.target.value)}
          {...describedBy(problem === 'target')}
        />
      </label>
    </div>
  );
}

/** Names of services and counters as this office calls them. */
function useNames(): ReportNames {
  const t = useT();
  const services = useServices();
  const counters = useCounters();
  return useMemo(
    () => ({
      service: (id) => services.find((service) => service.id === id)?.name.pl ?? id,
      counter: (number) =>
        counters.find((counter) => counter.number === number)?.name.pl ?? t('reports.counterName', { number }),
    }),
    [services, counters, t],
  );
}

function Result({
  state,
  today,
  target,
  retry,
}: {
  state: ReturnType<typeof useHubReport>;
  today: string;
  target: number;
  retry: () => void;
}) {
  const t = useT();
  const names = useNames();
  const office = useOffice();
  const officeName = office?.name.pl ?? '';
  if (state.state === 'loading') return <p role="status">{t('reports.loading')}</p>;
  if (state.state === 'ready')
    return (
      <>
        <ReportHeading from={state.report.from} to={state.report.to} target={state.report.targetMinutes} />
        <ReportView report={state.report} names={names} office={officeName} />
      </>
    );
  if (state.state === 'denied') return <p role="alert">{t('reports.denied')}</p>;
  if (state.state === 'failed')
    return (
      <>
        <p role="alert">{t('reports.failed')}</p>
        <button type="button" onClick={retry}>
          {t('reports.retry')}
        </button>
      </>
    );
  return (
    <LocalReport
      alone={state.state === 'alone'}
      today={today}
      target={target}
      names={names}
      office={officeName}
      retry={retry}
    />
  );
}

function ReportHeading({ from, to, target }: { from: string; to: string; target: number }) {
  const t = useT();
  const last = lastDayOf(to);
  return (
    <>
      <h2 className="report-title">
        {from === last ? t('reports.headingDay', { day: from }) : t('reports.heading', { from, to: last })}
      </h2>
      <p>{t('reports.target.note', { minutes: target })}</p>
    </>
  );
}

/** Today's figures from this workstation's own copy, with the sentence that says what they are. */
function LocalReport({
  alone,
  today,
  target,
  names,
  office,
  retry,
}: {
  alone: boolean;
  today: string;
  target: number;
  names: ReportNames;
  office: string;
  retry: () => void;
}) {
  const t = useT();
  const officeDoc = useOffice();
  const tickets = useTicketsOfDay(today);
  const appointments = useAppointmentsOfDay(today);
  const answers = useAnswersOfDay(today);
  const report = useMemo(
    () =>
      todayReport({
        day: today,
        timeZone: officeDoc?.timeZone ?? 'Europe/Warsaw',
        targetMinutes: target,
        tickets,
        appointments,
        withClerks: true,
        ...(answers ? { satisfaction: satisfactionReport(answers) } : {}),
      }),
    [today, officeDoc?.timeZone, target, tickets, appointments, answers],
  );
  const notice = t(alone ? 'reports.local.alone' : 'reports.local.offline');
  return (
    <>
      <section aria-labelledby="report-local" className="report-local">
        <h2 id="report-local">{t('reports.local.title')}</h2>
        <p className="warning">{notice}</p>
        {!alone && (
          <button type="button" onClick={retry}>
            {t('reports.retry')}
          </button>
        )}
      </section>
      <ReportHeading from={report.from} to={report.to} target={report.targetMinutes} />
      {/* Without a copy of the visitors' answers, they are said to be the hub's, not shown as none. */}
      <ReportView
        report={report}
        names={names}
        office={office}
        localNotice={notice}
        satisfactionAtHub={answers === null}
      />
    </>
  );
}
