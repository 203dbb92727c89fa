/**
 * Which workstations this hub serves. A workstation sends its app version in every request
 * (`x-okienko-version`); one older than `MIN_CLIENT_VERSION` is refused with 426 and a sentence
 * an administrator can act on. Raise the minimum when the hub stops understanding older clients.
 */
export const MIN_CLIENT_VERSION = '0.1.0';

interface Version {
  readonly core: readonly [number, number, number];
  readonly prerelease: readonly string[];
}

const SEMVER = /^v?(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string): Version | null {
  const match = SEMVER.exec(text.trim());
  if (!match) return null;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    prerelease: match[4] ? match[4].split('.') : [],
  };
}

/** Semantic-version order: negative when a < b. 0.1.0-beta.1 < 0.1.0. */
export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const difference = a.core[i]! - b.core[i]!;
    if (difference !== 0) return difference;
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x) ? Number(x) : null;
    const yn = /^\d+$/.test(y) ? Number(y) : null;
    if (xn !== null && yn !== null) {
      if (xn !== yn) return xn - yn;
    } else if (xn !== null) return -1;
    else if (yn !== null) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** null when `header` names a version this hub serves, else the sentence for the 426 reply. */
export function clientVersionProblem(header: string | undefined, minimum = MIN_CLIENT_VERSION): string | null {
  const required = parseVersion(minimum);
  if (!required) throw new Error(`Not a version: ${minimum}`);
  if (header === undefined || header.trim() === '') {
    return `This request does not say which Okienko sent it (x-okienko-version header); install Okienko ${minimum} or newer`;
  }
  const shown = header.trim().slice(0, 40);
  const version = parseVersion(header);
  if (!version) return `"${shown}" is not an Okienko version; install Okienko ${minimum} or newer`;
  if (compareVersions(version, required) < 0)
    return `Okienko ${shown} is too old for this hub; install ${minimum} or newer`;
  return null;
}
