# syntax=docker/dockerfile:1
# StreetChief app node. One image for every node of the scale-out topology (docker-compose.yml);
# alone it runs with the embedded SQLite store in /app/data.

# ---- build: install everything, build the client, then drop devDependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary; the toolchain is the fallback when there is none.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# Same npm major as development (the lockfile and the install-script allow list are npm 11's).
RUN npm install -g npm@11
# Manifests first, so the dependency layer is cached until they change.
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime ----
FROM node:20-bookworm-slim
# npm runs scripts with `sh -c`; dash forks instead of exec'ing and dies on SIGTERM, leaving the
# server to be SIGKILLed on `docker stop`. bash execs the single command, so the signal reaches
# tsx, which passes it to the server for a graceful close.
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    npm_config_script_shell=/bin/bash
WORKDIR /app
# Code stays root-owned (read-only to the app); only data/ is writable.
COPY --from=build /app /app
RUN mkdir -p /app/data && chown node:node /app/data
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# No curl in the slim image: Node 20 has fetch. /healthz touches the database.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The server runs its TypeScript through tsx (a server dependency).
CMD ["npm", "run", "start", "-w", "server"]
