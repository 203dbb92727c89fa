/**
 * The documents' typeface, embedded in every PDF: Noto Sans (regular and bold), from the npm
 * package `@expo-google-fonts/noto-sans`.
 *
 * Why this one: pdfkit's 14 standard fonts have no Polish letters (nor Cyrillic), and a Debian font
 * is not there after a plain `npm ci` or on a Windows workstation, so the font must come with the
 * packages. Noto Sans covers Latin Extended-A (ąćęłńóśźż) and Cyrillic with the Ukrainian letters
 * (ґ, є, ї, і), is Google's actively maintained family, and has a large x-height and open shapes
 * that read well in large print. Expo's package ships the static TTFs (pdfkit embeds TrueType;
 * the Fontsource packages ship only WOFF subsets split by script) and is kept current by Expo's
 * generator. Licence: SIL Open Font License 1.1, which allows embedding the font in documents
 * (the OS/2 `fsType` is 0: installable embedding); when the font file itself is redistributed, as
 * in the packaged app, the licence text goes with it (electron-builder.yml's extraResources).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface DocumentFonts {
  readonly regular: Buffer;
  readonly bold: Buffer;
}

const PACKAGE = '@expo-google-fonts/noto-sans';
const IN_PACKAGE = { regular: '400Regular/NotoSans_400Regular.ttf', bold: '700Bold/NotoSans_700Bold.ttf' } as const;
/** The names electron-builder.yml gives the files under `<resources>/fonts/` in the packaged app. */
const IN_RESOURCES = { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' } as const;

/** Where this module is: `import.meta.url`, empty in the Electron station's CommonJS bundle (then the bundle's file). */
function moduleBase(): string {
  const url = import.meta.url as string | undefined;
  if (url) return url;
  return typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js');
}

/** The font files: beside the packaged app's resources, else from node_modules. */
export function documentFontPaths(): { regular: string; bold: string } {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(path.join(resources, 'fonts', IN_RESOURCES.regular))) {
    return {
      regular: path.join(resources, 'fonts', IN_RESOURCES.regular),
      bold: path.join(resources, 'fonts', IN_RESOURCES.bold),
    };
  }
  const require = createRequire(moduleBase());
  return {
    regular: require.resolve(`${PACKAGE}/${IN_PACKAGE.regular}`),
    bold: require.resolve(`${PACKAGE}/${IN_PACKAGE.bold}`),
  };
}

let loaded: Promise<DocumentFonts> | undefined;

/** Both faces, read once per process (about 630 KB each; pdfkit embeds only the glyphs used). */
export function documentFonts(): Promise<DocumentFonts> {
  loaded ??= (async () => {
    const paths = documentFontPaths();
    const [regular, bold] = await Promise.all([readFile(paths.regular), readFile(paths.bold)]);
    return { regular, bold };
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
