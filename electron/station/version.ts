// Kept in step with package.json by test/unit/electron/station/version.test.ts; a constant rather than an
// import of package.json so the bundled Electron shell and the station agree without fs access.
export const APP_VERSION = '0.1.0';
