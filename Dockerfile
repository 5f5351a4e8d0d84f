# syntax=docker/dockerfile:1
# StreetChief app node. One image for every node of the scale-out topology (docker-compose.yml);
# alone it runs with the embedded SQLite store in /app/data.

# ---- build: install everything, build the client and the server bundle, then drop devDependencies ----
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
 && npm run build -w server \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime ----
FROM node:20-bookworm-slim
# The SQLite file is named absolutely so the server (run from /app) and `npm run cli` (run by npm
# inside server/) open the same one; only data/ is writable.
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    SQLITE_FILE=/app/data/streetchief.sqlite
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
# The compiled server (server/dist, built above), started by node itself rather than through npm:
# `docker stop`'s SIGTERM reaches the server directly, which closes gracefully. Source maps make
# stack traces name the TypeScript lines.
CMD ["node", "--enable-source-maps", "server/dist/main.js"]
