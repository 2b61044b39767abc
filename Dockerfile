# syntax=docker/dockerfile:1
# KIM Fallakte API. Build: docker build -t kim-fallakte . — run: see docs/operations/deployment.md

ARG NODE_IMAGE=node:20-slim

# Compiles TypeScript with tsc, which also type-checks: a build with type errors fails here, not in production.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Production dependencies only, installed from the same lock file.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    KIM_HOST=0.0.0.0 \
    KIM_PORT=3000 \
    KIM_DATA_DIR=/var/lib/kim
WORKDIR /app
# The base image's unprivileged `node` user (uid 1000) runs the service; it owns only its data directory.
RUN mkdir -p /var/lib/kim && chown node:node /var/lib/kim
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
VOLUME ["/var/lib/kim"]
EXPOSE 3000
# No curl in the slim image: Node's own fetch asks /health, which is 503 when the database or event store is down.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.KIM_PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 directly (not npm): it receives SIGTERM and shuts down gracefully.
CMD ["node", "dist/main.js"]
