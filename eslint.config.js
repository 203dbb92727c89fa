// Lint, including the layering rule: code is grouped by where it may run (as in VS Code), and
// `no-restricted-imports` refuses an import that crosses a layer the wrong way.
//
//   anywhere  electron/common/** (contract, domain, sync rules), native/**/*.codec.ts,
//             native/**/*.layout.ts, native/printer/ticket-printer.ts, native/port/byte-port.ts, the
//             ID reader's and the signature pad's device interfaces, the MRZ specimens
//             → no Node module, no DOM-only library, nothing outside the anywhere layer
//   renderer  renderer/**  → itself and electron/common; never Node, never native/, nothing else of electron/
//   native    native/**    → Node allowed; of the app only electron/common
//   node      electron/**  → Node allowed; never renderer/
//   preload   electron/preload.ts, shell/ipc-transport.ts → like the renderer: `electron` and anywhere code
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const nodeOnlyPackages = [
  'electron',
  'serialport',
  'ws',
  'pg',
  '@electric-sql/pglite',
  'pdfkit',
  'playwright-core',
  '@node-rs/argon2',
  'ldapts',
  'otpauth',
];
const browserOnlyPackages = ['react', 'react-dom', 'react-dom/client', 'react-intl', 'rxdb', 'dexie'];

const anywhereFiles = [
  'electron/common/**/*.ts',
  'native/**/*.codec.ts',
  'native/**/*.layout.ts',
  'native/printer/ticket-printer.ts',
  'native/port/byte-port.ts',
  'native/id-reader/id-reader.ts',
  'native/id-reader/specimens.ts',
  'native/signature-pad/signature-pad.ts',
];

// The module names (without folder) of the anywhere files under native/, as a regex alternation.
const nativeAnywhereModules = [
  '\\.codec',
  '\\.layout',
  '/ticket-printer',
  '/byte-port',
  '/id-reader',
  '/specimens',
  '/signature-pad',
].join('|');

// Exact module names go in `paths` (a gitignore-style `group` entry such as `domain` — a Node
// builtin — would also match our own `../domain/…` folder); wildcards and regexes in `patterns`.
const exact = (names, message) => names.map((name) => ({ name, message }));
const restrict = (paths, ...patterns) => ['error', { paths, patterns }];
const anywhereMessage = 'Code that runs anywhere imports no Node and no DOM module.';
const anywhereRule = (...patterns) =>
  restrict(
    exact([...nodeModules, ...nodeOnlyPackages, ...browserOnlyPackages], anywhereMessage),
    { group: ['@serialport/*', 'react-dom/*', 'rxdb/*'], message: anywhereMessage },
    ...patterns,
  );

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-artifacts/', '.okienko/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or catches loses its error silently.
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.common.json',
          './electron/tsconfig.json',
          './native/tsconfig.json',
          './renderer/tsconfig.json',
          './test/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Short units: a function should read in one screen. An exception is named and justified in place.
    files: ['electron/**/*.ts', 'native/**/*.ts', 'renderer/**/*.{ts,tsx}', 'build/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    files: ['electron/**/*.ts', 'native/**/*.ts', 'build/**/*.ts', 'test/**/*.ts', '*.config.ts', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.strict.rules,
      'no-restricted-imports': restrict(
        exact(
          [...nodeModules, ...nodeOnlyPackages],
          'The renderer runs in a sandbox: ask the station through the contract.',
        ),
        { group: ['@serialport/*'], message: 'The renderer runs in a sandbox: ask the station through the contract.' },
        { regex: '(^|/)electron/(?!common(/|$))', message: 'The renderer may import only electron/common.' },
        { regex: '(^|/)native(/|$)', message: 'Devices belong to the station; reach them through the contract.' },
      ),
    },
  },
  {
    files: ['native/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        exact([...browserOnlyPackages, 'electron'], 'Device code runs in plain Node.'),
        { group: ['react-dom/*', 'rxdb/*'], message: 'Device code runs in plain Node.' },
        {
          regex: '(^|/)renderer(/|$)|(^|/)electron/(?!common(/|$))',
          message: 'Device code stands alone: of the app it imports only electron/common.',
        },
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        exact(browserOnlyPackages, 'The Node side does not use browser libraries.'),
        { group: ['react-dom/*', 'rxdb/*'], message: 'The Node side does not use browser libraries.' },
        {
          regex: '(^|/)renderer(/|$)',
          message: 'The Node side never imports the renderer: shared code lives in electron/common.',
        },
      ),
    },
  },
  {
    // The preload runs in a sandboxed renderer: Electron's own module and anywhere code only.
    files: ['electron/preload.ts', 'electron/shell/ipc-transport.ts'],
    rules: {
      'no-restricted-imports': restrict(
        exact(
          [...nodeModules, ...nodeOnlyPackages.filter((name) => name !== 'electron'), ...browserOnlyPackages],
          'A sandboxed preload can load no Node module.',
        ),
        {
          regex: '(^|/)(station|host|hub|native)(/|$)',
          message: 'A sandboxed preload reaches the station only over IPC.',
        },
        {
          regex: '(^|/)renderer(/|$)',
          message: 'The Node side never imports the renderer: shared code lives in electron/common.',
        },
      ),
    },
  },
  // Anywhere code: no Node, no DOM. electron/common may import only inside electron/common (a
  // relative path that climbs out of it is refused, one block per folder depth); the native
  // codecs and interfaces import nothing of the app but electron/common. Nothing here refuses
  // an import of a Node-only file of native/ (such a file also brings Node's typings into
  // tsconfig.common.json's check): that is kept by hand.
  ...[1, 2, 3, 4].map((depth) => ({
    files: [`electron/common/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': anywhereRule({
        regex: `^(\\.\\./){${depth}}`,
        message: 'electron/common imports only electron/common.',
      }),
    },
  })),
  {
    files: anywhereFiles.filter((glob) => glob.startsWith('native/')),
    rules: {
      'no-restricted-imports': anywhereRule(
        {
          regex: '(^|/)renderer(/|$)|(^|/)electron/(?!common(/|$))',
          message: 'Device code stands alone: of the app it imports only electron/common.',
        },
        {
          // Of native/ itself, only the other anywhere files: drivers and ports need Node.
          regex: `^\\.(?!.*/electron/common/)(?!.*(${nativeAnywhereModules})$)`,
          message: 'A codec or device interface runs anywhere: it may not import Node-only device code.',
        },
      ),
    },
  },
);
