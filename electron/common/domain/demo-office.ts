/**
 * A realistic demo office — the customer service office of a mid-sized city — that `--demo` sets
 * up (a workstation's first start, a hub with no office) and the tests start from.
 */
import type { AvailabilityRule } from './availability';
import type { OpeningHours } from './calendar';
import type { CounterDefinition, Office, Service } from './office';
import { CONFIG_FORMAT, CONFIG_VERSION, type OfficeConfiguration } from './office-config';

export const DEMO_OFFICE: Office = {
  id: 'um-demo',
  name: {
    pl: 'Urząd Miasta — Biuro Obsługi Mieszkańców',
    en: 'City Hall — Residents’ Service Office',
    uk: 'Міська рада — Бюро обслуговування мешканців',
  },
  timeZone: 'Europe/Warsaw',
  priorityRule: { mode: 'ratio', normalPerPriority: 3 },
  priorityReasons: ['disability', 'pregnancy', 'large-family', 'senior', 'veteran'],
  ticketNote: {
    pl: 'Zachowaj bilet do końca wizyty. Numer wywołamy na tablicy i głosowo.',
    en: 'Keep this ticket until the end of your visit. Your number will be shown and announced.',
    uk: 'Зберігайте квиток до кінця візиту. Ваш номер з’явиться на табло та буде оголошений.',
  },
  // The hub's status page (renderer/apps/status); an office puts its own hub's address here.
  statusUrl: 'https://hub.urzad.local:8090/#/status/{id}',
  appointmentGraceMinutes: 15,
  targetWaitMinutes: 15,
};

export const DEMO_SERVICES: readonly Service[] = [
  {
    id: 'vehicles',
    searchWords: {
      pl: [
        'rejestracja auta',
        'rejestracja samochodu',
        'samochód',
        'auto',
        'pojazd',
        'motocykl',
        'przerejestrowanie',
        'tablice rejestracyjne',
        'dowód rejestracyjny',
        'kupiłem auto',
        'sprzedałem auto',
        'wyrejestrowanie',
        'wydział komunikacji',
      ],
      en: [
        'register a car',
        'car registration',
        'vehicle',
        'car',
        'motorbike',
        'number plates',
        'registration certificate',
        'bought a car',
        'sold a car',
      ],
      uk: [
        'реєстрація авто',
        'автомобіль',
        'машина',
        'транспортний засіб',
        'номерні знаки',
        'техпаспорт',
        'купив авто',
      ],
    },
    acknowledgement: {
      pl: 'Potwierdzam odbiór dowodu rejestracyjnego i tablic rejestracyjnych.',
      en: 'I confirm I have received the registration certificate and number plates.',
      uk: 'Підтверджую отримання свідоцтва про реєстрацію та номерних знаків.',
    },
    identityFields: ['givenNames', 'surname', 'pesel', 'documentNumber'],
    letter: 'A',
    position: 1,
    averageMinutes: 12,
    allowsPriority: true,
    active: true,
    name: {
      pl: 'Rejestracja pojazdów (Wydział Komunikacji)',
      en: 'Vehicle registration',
      uk: 'Реєстрація транспортних засобів',
    },
  },
  {
    id: 'licences',
    searchWords: {
      pl: [
        'prawo jazdy',
        'prawko',
        'kierowca',
        'wymiana prawa jazdy',
        'zgubiłem prawo jazdy',
        'egzamin na prawo jazdy',
        'profil kandydata na kierowcę',
      ],
      en: ['driving licence', 'driver’s license', 'driver', 'lost driving licence', 'exchange a foreign licence'],
      uk: ['водійське посвідчення', 'права', 'водій', 'обмін прав', 'загубив права'],
    },
    acknowledgement: {
      pl: 'Potwierdzam odbiór prawa jazdy.',
      en: 'I confirm I have received my driving licence.',
      uk: 'Підтверджую отримання посвідчення водія.',
    },
    identityFields: ['givenNames', 'surname', 'pesel', 'documentNumber', 'birthDate'],
    letter: 'B',
    position: 2,
    averageMinutes: 10,
    allowsPriority: true,
    active: true,
    name: { pl: 'Prawa jazdy', en: 'Driving licences', uk: 'Посвідчення водія' },
  },
  {
    id: 'id-cards',
    searchWords: {
      pl: [
        'zgubiłem dowód',
        'zgubiłam dowód',
        'dowód osobisty',
        'nowy dowód',
        'odbiór dowodu',
        'utrata dowodu',
        'kradzież dowodu',
        'skradziony dowód',
        'unieważnienie dowodu',
        'wymiana dowodu',
        'dowód dla dziecka',
        'dokument tożsamości',
      ],
      en: ['ID card', 'identity card', 'lost ID card', 'stolen ID card', 'new ID card', 'identity document'],
      uk: [
        'посвідчення особи',
        'ID-картка',
        'загубив посвідчення',
        'вкрали документи',
        'новий документ',
        'документ, що посвідчує особу',
      ],
    },
    eservices: ['dowod-osobisty'],
    acknowledgement: {
      pl: 'Potwierdzam odbiór dowodu osobistego i zgodność danych w nim zawartych.',
      en: 'I confirm I have received my ID card and that its details are correct.',
      uk: 'Підтверджую отримання посвідчення особи та правильність даних у ньому.',
    },
    identityFields: ['givenNames', 'surname', 'pesel', 'birthDate'],
    letter: 'C',
    position: 3,
    averageMinutes: 8,
    allowsPriority: true,
    active: true,
    name: { pl: 'Dowody osobiste', en: 'Identity cards', uk: 'Посвідчення особи' },
  },
  {
    id: 'residence',
    searchWords: {
      pl: [
        'meldunek',
        'zameldowanie',
        'zameldować się',
        'wymeldowanie',
        'wymeldować się',
        'pobyt stały',
        'pobyt czasowy',
        'adres zamieszkania',
        'przeprowadzka',
        'nadanie numeru PESEL',
        'zaświadczenie o zameldowaniu',
      ],
      en: [
        'register my address',
        'residence registration',
        'moving house',
        'new address',
        'temporary stay',
        'PESEL number',
      ],
      uk: [
        'прописка',
        'реєстрація місця проживання',
        'зареєструватися',
        'переїзд',
        'адреса',
        'номер PESEL',
        'отримати PESEL',
      ],
    },
    eservices: ['zameldowanie'],
    acknowledgement: {
      pl: 'Potwierdzam, że dane podane do zameldowania są zgodne z prawdą.',
      en: 'I confirm that the details given for registering my residence are true.',
      uk: 'Підтверджую, що дані, надані для реєстрації місця проживання, є правдивими.',
    },
    identityFields: ['givenNames', 'surname', 'pesel', 'nationality'],
    letter: 'D',
    position: 4,
    averageMinutes: 7,
    allowsPriority: true,
    active: true,
    name: { pl: 'Meldunki (Ewidencja Ludności)', en: 'Residence registration', uk: 'Реєстрація місця проживання' },
  },
  {
    id: 'taxes',
    searchWords: {
      pl: [
        'podatek od nieruchomości',
        'podatek',
        'opłata za śmieci',
        'odpady',
        'deklaracja śmieciowa',
        'podatek rolny',
        'opłata targowa',
        'psy',
        'zaświadczenie o niezaleganiu',
        'deklaracja CEEB',
        'piec',
        'kocioł',
      ],
      en: ['property tax', 'tax', 'waste fee', 'rubbish', 'garbage', 'dog fee', 'heating declaration'],
      uk: ['податок на нерухомість', 'податок', 'сміття', 'плата за вивіз сміття', 'декларація'],
    },
    eservices: ['ceeb-deklaracja'],
    identityFields: ['givenNames', 'surname', 'pesel'],
    letter: 'E',
    position: 5,
    averageMinutes: 9,
    allowsPriority: true,
    active: true,
    name: { pl: 'Podatki i opłaty lokalne', en: 'Local taxes and fees', uk: 'Місцеві податки та збори' },
  },
  {
    id: 'trusted-profile',
    searchWords: {
      pl: [
        'profil zaufany',
        'potwierdzenie profilu',
        'e-usługi',
        'wniosek przez internet',
        'mObywatel',
        'podpis elektroniczny',
        '800 plus',
        '800+',
        'rodzina 800 plus',
        'świadczenie wychowawcze',
        'karta dużej rodziny',
        'wniosek online',
      ],
      en: [
        'trusted profile',
        'online services',
        'e-government',
        'apply online',
        '800 plus',
        'child benefit',
        'large family card',
      ],
      uk: [
        'довірений профіль',
        'електронні послуги',
        'онлайн-заява',
        '800 плюс',
        'допомога на дитину',
        'карта великої родини',
      ],
    },
    // The office's e-services desk helps with any of them.
    eservices: ['profil-zaufany', 'dowod-osobisty', 'zameldowanie', 'karta-duzej-rodziny', 'ceeb-deklaracja'],
    identityFields: ['givenNames', 'surname', 'pesel', 'documentNumber'],
    letter: 'F',
    position: 6,
    averageMinutes: 10,
    allowsPriority: true,
    active: true,
    name: {
      pl: 'Profil Zaufany i e-usługi',
      en: 'Trusted Profile and e-services',
      uk: 'Довірений профіль та е-послуги',
    },
  },
  {
    id: 'cashier',
    searchWords: {
      pl: ['kasa', 'zapłacić', 'opłata', 'płatność', 'wpłata gotówką', 'opłata skarbowa', 'zapłata kartą'],
      en: ['pay', 'payment', 'cash desk', 'stamp duty', 'fee'],
      uk: ['каса', 'оплатити', 'оплата', 'платіж', 'державне мито'],
    },
    letter: 'K',
    position: 7,
    averageMinutes: 3,
    allowsPriority: true,
    active: true,
    name: { pl: 'Kasa', en: 'Cashier', uk: 'Каса' },
  },
  {
    id: 'information',
    letter: 'I',
    position: 8,
    averageMinutes: 3,
    allowsPriority: true,
    active: true,
    name: { pl: 'Informacja', en: 'Information', uk: 'Інформація' },
    // Where the kiosk's "I don't know" leads, and the matters this office does not handle itself.
    searchWords: {
      pl: ['nie wiem', 'pytanie', 'informacja', 'pomoc', 'paszport', 'inna sprawa', 'gdzie załatwię'],
      en: ['I don’t know', 'question', 'information', 'help', 'passport', 'something else'],
      uk: ['не знаю', 'питання', 'інформація', 'допомога', 'паспорт', 'закордонний паспорт', 'інше'],
    },
  },
];

export const DEMO_COUNTERS: readonly CounterDefinition[] = [
  { number: 1, services: ['vehicles', 'licences'], name: { pl: 'Stanowisko 1', en: 'Counter 1', uk: 'Віконце 1' } },
  { number: 2, services: ['vehicles', 'licences'], name: { pl: 'Stanowisko 2', en: 'Counter 2', uk: 'Віконце 2' } },
  { number: 3, services: ['id-cards', 'residence'], name: { pl: 'Stanowisko 3', en: 'Counter 3', uk: 'Віконце 3' } },
  {
    number: 4,
    services: ['id-cards', 'residence', 'trusted-profile'],
    name: { pl: 'Stanowisko 4', en: 'Counter 4', uk: 'Віконце 4' },
  },
  { number: 5, services: ['taxes'], name: { pl: 'Stanowisko 5', en: 'Counter 5', uk: 'Віконце 5' } },
  {
    number: 6,
    services: ['trusted-profile', 'taxes', 'information'],
    name: { pl: 'Stanowisko 6', en: 'Counter 6', uk: 'Віконце 6' },
  },
  {
    number: 7,
    services: ['cashier'],
    name: { pl: 'Kasa — stanowisko 7', en: 'Cashier — counter 7', uk: 'Каса — віконце 7' },
  },
];

/**
 * A town hall's usual week — a long Monday, a short Friday, closed at the weekend — for tests and
 * examples; the demo office itself keeps no hours, so it can be tried at any hour.
 */
export const DEMO_HOURS: OpeningHours = {
  mon: [{ from: '08:00', to: '18:00' }],
  tue: [{ from: '08:00', to: '16:00' }],
  wed: [{ from: '08:00', to: '16:00' }],
  thu: [{ from: '08:00', to: '16:00' }],
  fri: [{ from: '08:00', to: '14:00' }],
  sat: [],
  sun: [],
};

/** Booking for identity cards and residence: mornings on weekdays, two clerks at once. */
const MORNINGS: AvailabilityRule = {
  id: 'przed-poludniem',
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '12:00',
  slotMinutes: 15,
  parallel: 2,
  bookableDaysAhead: 60,
  closesMinutesBefore: 60,
};

/** The demo office as one configuration file (domain/office-config.ts): what `--demo` sets up. */
export function demoConfiguration(): OfficeConfiguration {
  const configuration = {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    // No opening hours: the demo can be tried at any hour (an office sets its own on the set-up screen).
    office: { ...DEMO_OFFICE, address: 'ul. Przykładowa 1, 00-950 Warszawa', closures: [] },
    services: DEMO_SERVICES.map((service) =>
      service.id === 'id-cards' || service.id === 'residence' ? { ...service, availability: [MORNINGS] } : service,
    ),
    counters: DEMO_COUNTERS,
  };
  // A deep copy: the configuration's types are the schema's (mutable), the constants' read-only.
  return JSON.parse(JSON.stringify(configuration)) as OfficeConfiguration;
}
