/**
 * "Your turn is near": the kiosk's optional contact step and its messages.
 * Merged into the dictionaries in pl.ts / en.ts / uk.ts; Polish is the source here too.
 */
export const turnNearPl = {
  'turnNear.offer.title': 'Chcesz, żebyśmy dali znać SMS-em lub e-mailem, gdy Twoja kolej będzie blisko?',
  'turnNear.offer.titleSms': 'Chcesz, żebyśmy dali znać SMS-em, gdy Twoja kolej będzie blisko?',
  'turnNear.offer.titleEmail': 'Chcesz, żebyśmy dali znać e-mailem, gdy Twoja kolej będzie blisko?',
  'turnNear.offer.when':
    '{count, plural, =0 {Wyślemy jedną wiadomość, gdy Twój bilet będzie następny.} one {Wyślemy jedną wiadomość, gdy przed Tobą zostanie # osoba.} few {Wyślemy jedną wiadomość, gdy przed Tobą zostaną # osoby.} many {Wyślemy jedną wiadomość, gdy przed Tobą zostanie # osób.} other {Wyślemy jedną wiadomość, gdy przed Tobą zostanie # osoby.}}',
  'turnNear.offer.yes': 'Tak, powiadom mnie',
  'turnNear.no': 'Nie, dziękuję',
  'turnNear.form.title': 'Powiadomienie, gdy Twoja kolej będzie blisko',
  'turnNear.form.ticket': 'Twój numer: {number}',
  'turnNear.form.field': 'Numer telefonu komórkowego lub adres e-mail',
  'turnNear.form.fieldSms': 'Numer telefonu komórkowego',
  'turnNear.form.fieldEmail': 'Adres e-mail',
  'turnNear.form.hint': 'Na przykład 600 100 200 albo jan.kowalski@example.pl',
  'turnNear.form.hintSms': 'Polski numer komórkowy, na przykład 600 100 200',
  'turnNear.form.hintEmail': 'Na przykład jan.kowalski@example.pl',
  'turnNear.form.consent':
    'Zgadzam się, by urząd użył tego numeru lub adresu tylko do tej jednej wiadomości. Usuniemy go po Twojej wizycie.',
  'turnNear.form.send': 'Powiadom mnie',
  'turnNear.keys.label': 'Klawiatura na ekranie',
  'turnNear.keys.delete': '⌫ Usuń ostatni znak',
  'turnNear.keys.space': 'Spacja',
  'turnNear.form.sending': 'Zapisuję…',
  'turnNear.error.recipient':
    'Wpisz polski numer komórkowy (9 cyfr, np. 600 100 200) albo adres e-mail (np. jan@example.pl).',
  'turnNear.error.recipientSms': 'Wpisz polski numer komórkowy: 9 cyfr, np. 600 100 200.',
  'turnNear.error.recipientEmail': 'Wpisz adres e-mail, np. jan@example.pl.',
  'turnNear.error.consent': 'Zaznacz zgodę — bez niej nie możemy wysłać wiadomości.',
  'turnNear.error.failed': 'Nie udało się zapisać powiadomienia. Twój bilet jest ważny — patrz na ekran z numerami.',
  'turnNear.error.notWaiting': 'Twój numer jest już wywoływany — patrz na ekran z numerami.',
  'turnNear.done.title': 'Gotowe — damy znać',
  'turnNear.done.sms': 'Wyślemy SMS na numer kończący się na {end}.',
  'turnNear.done.email': 'Wyślemy e-mail na adres {address}.',
  'turnNear.done.forget': 'Po wizycie usuniemy ten numer lub adres.',
} as const;

export const turnNearEn: Record<keyof typeof turnNearPl, string> = {
  'turnNear.offer.title': 'Would you like a text message or an e-mail when your turn is near?',
  'turnNear.offer.titleSms': 'Would you like a text message when your turn is near?',
  'turnNear.offer.titleEmail': 'Would you like an e-mail when your turn is near?',
  'turnNear.offer.when':
    '{count, plural, =0 {We send one message when your ticket is next.} one {We send one message when # person is left ahead of you.} other {We send one message when # people are left ahead of you.}}',
  'turnNear.offer.yes': 'Yes, let me know',
  'turnNear.no': 'No, thank you',
  'turnNear.form.title': 'A message when your turn is near',
  'turnNear.form.ticket': 'Your number: {number}',
  'turnNear.form.field': 'Mobile phone number or e-mail address',
  'turnNear.form.fieldSms': 'Mobile phone number',
  'turnNear.form.fieldEmail': 'E-mail address',
  'turnNear.form.hint': 'For example 600 100 200 or jan.kowalski@example.pl',
  'turnNear.form.hintSms': 'A Polish mobile number, for example 600 100 200',
  'turnNear.form.hintEmail': 'For example jan.kowalski@example.pl',
  'turnNear.form.consent':
    'I agree that the office uses this number or address only for this one message. It is deleted after your visit.',
  'turnNear.form.send': 'Let me know',
  'turnNear.keys.label': 'On-screen keyboard',
  'turnNear.keys.delete': '⌫ Delete the last character',
  'turnNear.keys.space': 'Space',
  'turnNear.form.sending': 'Saving…',
  'turnNear.error.recipient':
    'Type a Polish mobile number (9 digits, e.g. 600 100 200) or an e-mail address (e.g. jan@example.pl).',
  'turnNear.error.recipientSms': 'Type a Polish mobile number: 9 digits, e.g. 600 100 200.',
  'turnNear.error.recipientEmail': 'Type an e-mail address, e.g. jan@example.pl.',
  'turnNear.error.consent': 'Tick the consent — without it we cannot send the message.',
  'turnNear.error.failed':
    'The message could not be arranged. Your ticket is valid — watch the screen with the numbers.',
  'turnNear.error.notWaiting': 'Your number is already being called — watch the screen with the numbers.',
  'turnNear.done.title': 'Done — we will let you know',
  'turnNear.done.sms': 'We will text the number ending in {end}.',
  'turnNear.done.email': 'We will e-mail {address}.',
  'turnNear.done.forget': 'This number or address is deleted after your visit.',
};

export const turnNearUk: Record<keyof typeof turnNearPl, string> = {
  'turnNear.offer.title': 'Хочете отримати SMS або e-mail, коли ваша черга буде близько?',
  'turnNear.offer.titleSms': 'Хочете отримати SMS, коли ваша черга буде близько?',
  'turnNear.offer.titleEmail': 'Хочете отримати e-mail, коли ваша черга буде близько?',
  'turnNear.offer.when':
    '{count, plural, =0 {Надішлемо одне повідомлення, коли ваш квиток буде наступним.} one {Надішлемо одне повідомлення, коли перед вами залишиться # особа.} few {Надішлемо одне повідомлення, коли перед вами залишаться # особи.} many {Надішлемо одне повідомлення, коли перед вами залишиться # осіб.} other {Надішлемо одне повідомлення, коли перед вами залишиться # особи.}}',
  'turnNear.offer.yes': 'Так, повідомте мене',
  'turnNear.no': 'Ні, дякую',
  'turnNear.form.title': 'Повідомлення, коли ваша черга буде близько',
  'turnNear.form.ticket': 'Ваш номер: {number}',
  'turnNear.form.field': 'Номер мобільного телефону або адреса e-mail',
  'turnNear.form.fieldSms': 'Номер мобільного телефону',
  'turnNear.form.fieldEmail': 'Адреса e-mail',
  'turnNear.form.hint': 'Наприклад 600 100 200 або jan.kowalski@example.pl',
  'turnNear.form.hintSms': 'Польський мобільний номер, наприклад 600 100 200',
  'turnNear.form.hintEmail': 'Наприклад jan.kowalski@example.pl',
  'turnNear.form.consent':
    'Я погоджуюся, щоб установа використала цей номер або адресу лише для цього одного повідомлення. Його буде видалено після візиту.',
  'turnNear.form.send': 'Повідомте мене',
  'turnNear.keys.label': 'Клавіатура на екрані',
  'turnNear.keys.delete': '⌫ Видалити останній символ',
  'turnNear.keys.space': 'Пробіл',
  'turnNear.form.sending': 'Зберігаю…',
  'turnNear.error.recipient':
    'Введіть польський мобільний номер (9 цифр, напр. 600 100 200) або адресу e-mail (напр. jan@example.pl).',
  'turnNear.error.recipientSms': 'Введіть польський мобільний номер: 9 цифр, напр. 600 100 200.',
  'turnNear.error.recipientEmail': 'Введіть адресу e-mail, напр. jan@example.pl.',
  'turnNear.error.consent': 'Позначте згоду — без неї ми не можемо надіслати повідомлення.',
  'turnNear.error.failed': 'Не вдалося зберегти повідомлення. Ваш квиток дійсний — стежте за екраном з номерами.',
  'turnNear.error.notWaiting': 'Ваш номер уже викликають — стежте за екраном з номерами.',
  'turnNear.done.title': 'Готово — ми повідомимо',
  'turnNear.done.sms': 'Надішлемо SMS на номер, що закінчується на {end}.',
  'turnNear.done.email': 'Надішлемо e-mail на адресу {address}.',
  'turnNear.done.forget': 'Після візиту цей номер або адресу буде видалено.',
};
