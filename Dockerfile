# Lead intake service: production image.
#
#   docker build -t lead-intake .
#   echo "JWT_SECRET=$(openssl rand -base64 48)" > lead-intake.env    # once; reuse it every time
#   docker run -d --name lead-intake -p 3000:3000 -v lead-intake-data:/app/data \
#     --env-file lead-intake.env -e ADMIN_PASSWORD='…' lead-intake
#
# Stages: `deps-base` (build tools + npm 11) → `build` (all deps, compile TypeScript) and
# `prod-deps` (runtime deps only) → `runtime` (plain slim image, no compiler, no npm install).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps-base
WORKDIR /app

# sqlite3 first tries to download a prebuilt binary and otherwise compiles itself with
# node-gyp, which needs python3, make and g++ (bcrypt ships prebuilt binaries, but falls back
# to the same tool chain on an unusual platform). Only these stages have them.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*

# npm 11, not the npm 10 bundled with Node 20. package.json carries an `allowScripts` policy:
# bcrypt and sqlite3 may run their install scripts; @scarf/scarf (telemetry), @parcel/watcher and
# unrs-resolver may not. npm 10 does not know the field and runs every install script, denied
# ones included; npm 11 applies the policy exactly as on developers' machines and in CI. npm 11
# releases that block *unreviewed* install scripts by default still build sqlite3 here because it
# is approved by name - and sqlite3 needs its install script: without it there is no
# node_sqlite3.node and the service dies at start-up (bcrypt carries prebuilt binaries).
# Pinned to the version the lockfile and the policy were written with (npm 11 needs Node ^20.17).
ARG NPM_VERSION=11.19.1
RUN npm install -g "npm@${NPM_VERSION}" && npm --version

COPY package.json package-lock.json ./

# ---------------------------------------------------------------------------------------------
FROM deps-base AS build
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY src ./src
# nest build (server, mail templates, page assets) + tsc for the browser scripts of the pages.
RUN npm run build

# ---------------------------------------------------------------------------------------------
FROM deps-base AS prod-deps
# Same lockfile, same allowScripts policy, no dev dependencies; sqlite3 is built here too,
# against the same Debian and Node as the runtime stage.
RUN npm ci --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DB_PATH=/app/data/leads.sqlite \
    MAIL_DIR=/app/data/mail \
    PORT=3000
WORKDIR /app

# Code and dependencies stay owned by root: the service user can read them, not change them.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./

# The only writable place: the SQLite database (+ WAL files) and development .eml files.
# Created and chowned before VOLUME so a new named volume starts out owned by `node`.
RUN mkdir -p /app/data/mail && chown -R node:node /app/data
VOLUME /app/data

# The `node` user (uid 1000) comes with the official image.
USER node
EXPOSE 3000

# No curl in the slim image: Node 20's built-in fetch does the probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

# node as PID 1 is fine here: the app handles SIGTERM itself (enableShutdownHooks) and spawns
# no children. Migrations run at start-up.
CMD ["node", "dist/main.js"]
