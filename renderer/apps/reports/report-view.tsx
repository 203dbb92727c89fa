/**
 * One report on screen: the key figures, the tables by service, counter and clerk (the clerks'
 * after the notice that staff know they are measured, and only when the hub gave them), tickets
 * per hour, the appointments and the visitors' satisfaction, with three charts each followed by
 * its data table; a CSV download per table and the PDF of the whole.
 */
import { useId, useState, type ReactNode } from 'react';
import type { Report } from '../../../electron/common/contract/hub-reports';
import type { CsvDialect, ReportTable } from '../../../electron/common/reports/report-csv';
import { useWorkstation } from '../../app/workstation';
import { MESSAGES, useT } from '../../i18n/i18n';
import { BarChart } from './bar-chart';
import { hoursChart, scoresChart, waitsChart } from './charts';
import { saveCsv, savePdf, saveTableCsv } from './downloads';
import { reportDocument } from './report-document';
import {
  appointmentsTable,
  clerksTable,
  countersTable,
  hoursTable,
  keyFigures,
  reasonsTable,
  satisfactionByServiceTable,
  satisfactionFigures,
  serviceHoursTable,
  servicesTable,
  type TextTable,
} from './tables';
import { TABLE_TITLES, type ReportNames } from './words';

const has = (id: string) => id in MESSAGES.pl;

export interface ReportViewProps {
  readonly report: Report;
  readonly names: ReportNames;
  readonly office: string;
  /** Today's figures from this workstation's copy: the sentence that says so. */
  readonly localNotice?: string;
  /** The visitors' answers are counted at the hub only: say so rather than "no answers". */
  readonly satisfactionAtHub?: boolean;
}

export function ReportView({ report, names, office, localNotice, satisfactionAtHub }: ReportViewProps) {
  const t = useT();
  const [dialect, setDialect] = useState<CsvDialect>('excel-pl');
  const clerks = clerksTable(t, report);
  const csv = (table: ReportTable) => <CsvButton report={report} table={table} dialect={dialect} names={names} />;
  return (
    <>
      <Exports
        report={report}
        names={names}
        office={office}
        localNotice={localNotice}
        dialect={dialect}
        onDialect={setDialect}
      />
      <Section title={t('reports.summary')}>
        <dl className="report-figures">
          {keyFigures(t, report).map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section title={t('reports.services')}>
        <Table table={servicesTable(t, report, names)} caption={t('reports.services')} />
        {csv('byService')}
        <BarChart data={waitsChart(t, report, names)} />
      </Section>
      <Section title={t('reports.counters')}>
        <Table table={countersTable(t, report, names)} caption={t('reports.counters')} />
        {csv('byCounter')}
      </Section>
      {clerks && (
        <Section title={t('reports.clerks')}>
          <p className="report-notice">{t('reports.clerks.notice')}</p>
          <Table table={clerks} caption={t('reports.clerks')} />
          {csv('byClerk')}
        </Section>
      )}
      <Section title={t('reports.hours')}>
        <BarChart data={hoursChart(t, report)} />
        <Table table={hoursTable(t, report)} caption={t('reports.hours')} />
        {csv('byHour')}
        <Table table={serviceHoursTable(t, report, names)} caption={t('reports.serviceHours')} />
      </Section>
      <Section title={t('reports.appointments')}>
        <Table table={appointmentsTable(t, report, names)} caption={t('reports.appointments')} />
        <TableCsvButton
          title={t('reports.appointments')}
          onSave={() => saveTableCsv(report, appointmentsTable(t, report, names), 'wizyty', dialect)}
        />
      </Section>
      <SatisfactionSection
        report={report}
        names={names}
        atHub={satisfactionAtHub ?? false}
        onCsv={() => saveTableCsv(report, satisfactionByServiceTable(t, report, names), 'zadowolenie', dialect)}
      />
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="report-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * A table in a box of its own that scrolls sideways when the screen is narrower than the table,
 * so the page itself never does; the box takes the focus, so a keyboard can scroll it.
 */
export function Table({ table, caption }: { table: TextTable; caption: string }) {
  const t = useT();
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling box must be reachable by keyboard (WCAG 2.1.1)
    <div className="report-table-box" role="region" aria-label={t('reports.tableBox', { name: caption })} tabIndex={0}>
      <table className="report-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={`${row[0]}-${index}`}>
              <th scope="row">{row[0]}</th>
              {row.slice(1).map((cell, column) => (
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SatisfactionSection({
  report,
  names,
  atHub,
  onCsv,
}: {
  report: Report;
  names: ReportNames;
  atHub: boolean;
  onCsv: () => void;
}) {
  const t = useT();
  const reasons = reasonsTable(t, report, has);
  return (
    <Section title={t('reports.satisfaction')}>
      {report.satisfaction.answers === 0 ? (
        <p>{t(atHub ? 'reports.satisfaction.atHub' : 'reports.satisfaction.none')}</p>
      ) : (
        <>
          <dl className="report-figures">
            {satisfactionFigures(t, report).map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <BarChart data={scoresChart(t, report)} />
          <Table table={satisfactionByServiceTable(t, report, names)} caption={t('reports.satisfaction.byService')} />
          <TableCsvButton title={t('reports.satisfaction.byService')} onSave={onCsv} />
          <h3>{t('reports.satisfaction.reasons')}</h3>
          {reasons.rows.length === 0 ? (
            <p>{t('reports.satisfaction.reasonsNone')}</p>
          ) : (
            <Table table={reasons} caption={t('reports.satisfaction.reasons')} />
          )}
        </>
      )}
    </Section>
  );
}

function CsvButton({
  report,
  table,
  dialect,
  names,
}: {
  report: Report;
  table: ReportTable;
  dialect: CsvDialect;
  names: ReportNames;
}) {
  const t = useT();
  return (
    <p>
      <button type="button" onClick={() => saveCsv(t, report, table, dialect, names)}>
        {t('reports.csv.download', { table: t(TABLE_TITLES[table]) })}
      </button>
    </p>
  );
}

/** A CSV file of a table the screen shows as it shows it (the appointments, the satisfaction). */
function TableCsvButton({ title, onSave }: { title: string; onSave: () => void }) {
  const t = useT();
  return (
    <p>
      <button type="button" onClick={onSave}>
        {t('reports.csv.download', { table: title })}
      </button>
    </p>
  );
}

/** The CSV files' dialect and the PDF of the whole report. */
function Exports({
  report,
  names,
  office,
  localNotice,
  dialect,
  onDialect,
}: ReportViewProps & { dialect: CsvDialect; onDialect: (dialect: CsvDialect) => void }) {
  const t = useT();
  const { api } = useWorkstation();
  const [pdf, setPdf] = useState<{ state: 'idle' | 'making' | 'failed' } | { state: 'ready'; name: string }>({
    state: 'idle',
  });
  const makePdf = async () => {
    setPdf({ state: 'making' });
    const document = reportDocument(t, report, {
      office,
      names,
      has,
      ...(localNotice ? { localNotice } : {}),
      at: new Date().toISOString(),
    });
    const rendered = await api.documents.render(document).catch(() => null);
    if (!rendered?.ok) return setPdf({ state: 'failed' });
    setPdf({ state: 'ready', name: savePdf(report, rendered.value.pdf) });
  };
  return (
    <section aria-labelledby="report-export" className="report-section report-export">
      <h2 id="report-export">{t('reports.export')}</h2>
      <fieldset>
        <legend>{t('reports.csv.dialect')}</legend>
        {(['excel-pl', 'rfc4180'] as const).map((value) => (
          <label key={value} className="report-choice">
            <input type="radio" name="csv-dialect" checked={dialect === value} onChange={() => onDialect(value)} />
            {t(value === 'excel-pl' ? 'reports.csv.excel' : 'reports.csv.rfc')}
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('reports.csv.note')}</p>
      <p>
        <button type="button" className="primary" disabled={pdf.state === 'making'} onClick={() => void makePdf()}>
          {t('reports.pdf.download')}
        </button>
      </p>
      <p role="status">
        {pdf.state === 'making' && t('reports.pdf.making')}
        {pdf.state === 'ready' && t('reports.pdf.ready', { name: pdf.name })}
      </p>
      {pdf.state === 'failed' && <p role="alert">{t('reports.pdf.failed')}</p>}
    </section>
  );
}
