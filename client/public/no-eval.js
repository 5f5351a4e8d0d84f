// The site's Content-Security-Policy allows no eval. zod builds faster parsers with `new Function`
// when eval is allowed, and to find out it tries once, which the browser reports as a policy
// violation. zod takes its settings from this global when it loads, and with `jitless` it never
// tries. A classic script, so it runs before the client's modules.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
