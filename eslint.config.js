// ESLint 9 flat config. Fast on purpose: typescript-eslint's non-type-checked rules only
// (`npm run typecheck` is the type check). The rules that matter most here are the layer rules
// (docs/architecture.md "Layers"): folders are layers and lint checks the direction of imports.
//
//   shared/  domain only, no I/O  → imports nothing from server/ or client/, no Node built-ins,
//                                   no I/O packages (it also runs in the browser)
//   server/                       → imports nothing from client/
//   client/                       → imports nothing from server/ (talks to it over HTTP/Socket.IO,
//                                   shares types through @streetchief/shared only)
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts', '**/*.spec.tsx'];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * `no-restricted-imports` patterns forbidding imports of another layer (`server` or `client`):
 * by workspace package name, and by relative path climbing out of the importing workspace
 * (`../../server/src/x.ts`) or naming the other workspace's `src/` anywhere in the path.
 */
function layerPatterns(from, layer) {
  const message = `${from}/ must not import from ${layer}/ (folders are layers: docs/architecture.md).`;
  return [
    { regex: `^@streetchief/${layer}(?:/|$)`, message },
    { regex: `^(?:(?:\\.{1,2}/)+${layer}(?:/|$)|(?:\\.{1,2}/|/)(?:.*/)?${layer}/src(?:/|$))`, message },
  ];
}

/** Node built-ins, with and without the `node:` prefix, including subpaths (`fs/promises`). */
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.split('/')[0]);
const nodeBuiltinRegex = `^(?:node:.*|(?:${[...new Set(nodeBuiltins)].map(escape).join('|')})(?:/.*)?)$`;

function builtinPattern(from, why) {
  return { regex: nodeBuiltinRegex, message: `${from}/ must not import Node built-ins: ${why}` };
}

/** Packages that do I/O (databases, HTTP, sockets, caches, logging); the domain layer holds none. */
const IO_PACKAGES = [
  'pg',
  'pg-pool',
  'better-sqlite3',
  'kysely',
  'express',
  'socket.io',
  'socket.io-client',
  'engine.io',
  '@socket.io/redis-streams-adapter',
  '@socket.io/redis-adapter',
  'redis',
  '@redis/client',
  'ioredis',
  'pino',
  'ws',
  'undici',
  'node-fetch',
  'axios',
];
const ioPattern = {
  regex: `^(?:${IO_PACKAGES.map(escape).join('|')})(?:/|$)`,
  message: 'shared/ is domain only, with no I/O: do the I/O in server/ or client/ and pass plain data in.',
};

/**
 * `no-restricted-imports` sees static `import`/`export … from` only; these catch
 * `import('…')` and `typeof import('…')` to the same places. (esquery regex literals cannot
 * hold a `/`, even escaped, so slashes are written as `\x2F`.)
 */
function dynamicImportSyntax(patterns) {
  return patterns.flatMap(({ regex, message }) => {
    const lit = regex.replace(/\\?\//g, '\\x2F');
    return [
      { selector: `ImportExpression[source.value=/${lit}/]`, message },
      { selector: `TSImportType[argument.literal.value=/${lit}/]`, message },
    ];
  });
}

function restrict(patterns) {
  return {
    'no-restricted-imports': ['error', { patterns }],
    'no-restricted-syntax': ['error', ...dynamicImportSyntax(patterns)],
  };
}

const sharedLayers = [...layerPatterns('shared', 'server'), ...layerPatterns('shared', 'client')];
const sharedDomain = [...sharedLayers, builtinPattern('shared', 'it is domain only, with no I/O, and runs in the browser too.'), ioPattern];
const serverLayers = layerPatterns('server', 'client');
const clientLayers = layerPatterns('client', 'server');
const clientBrowser = [...clientLayers, builtinPattern('client', 'client/src runs in the browser.')];

export default defineConfig(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/data/**', '**/artifacts/**', '**/coverage/**'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },

  {
    // TypeScript checks these better than the core rules do (and knows about types-only names).
    files: TS,
    rules: {
      'no-undef': 'off',
      'no-redeclare': 'off',
      'no-dupe-class-members': 'off',
    },
  },

  {
    // Tests poke at parsed JSON bodies; typing every probe would add noise, not safety.
    // Migrations take `Kysely<any>` on purpose: they must not depend on today's schema types
    // (Kysely's own migration docs).
    files: [...TESTS, '**/testing/**/*.{ts,tsx}', 'e2e/**/*.{ts,tsx}', '**/migrations.ts', '**/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // React (client): browser globals and JSX. (eslint-plugin-react-hooks is not installed; its
  // rules-of-hooks and exhaustive-deps would be the next thing to add here.)
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  },

  // ---- Layer rules (docs/architecture.md "Layers"). Later blocks replace a rule's options wholesale, so each
  // block lists every pattern that applies to its files. ----

  {
    files: ['shared/**/*.{js,mjs,ts,tsx,mts}'],
    languageOptions: {
      // Runs in Node and in the browser: no Node-only globals.
      globals: { ...globals['shared-node-browser'] },
    },
    rules: {
      ...restrict(sharedDomain),
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', '__dirname', '__filename', 'require', 'global', 'setImmediate', 'clearImmediate'].map((name) => ({
          name,
          message: 'shared/ is domain only and runs in the browser too: pass the value in instead.',
        })),
      ],
    },
  },
  {
    // Tests may read fixtures and use Node, but still may not reach into server/ or client/.
    files: TESTS.map((t) => `shared/${t}`),
    languageOptions: { globals: { ...globals.node } },
    rules: { ...restrict(sharedLayers), 'no-restricted-globals': 'off' },
  },

  {
    files: ['server/**/*.{js,mjs,ts,tsx,mts}'],
    rules: restrict(serverLayers),
  },

  {
    files: ['client/**/*.{js,mjs,ts,tsx,mts}'],
    rules: restrict(clientLayers),
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: TESTS.map((t) => `client/src/${t}`),
    rules: restrict(clientBrowser),
  },
);
