# One image for every ELK service; the command picks the service (see docker-compose.yml and k8s/).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs ./libs
COPY services ./services
RUN npm ci --no-audit --no-fund

FROM deps AS web
RUN npm run build -w @elk/web

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app /app
COPY --from=web /app/services/web/dist /app/services/web/dist
COPY scripts ./scripts
COPY tsconfig.base.json tsconfig.json .swcrc ./
USER node
# e.g. `node scripts/run/service.cjs gateway`
ENTRYPOINT ["node", "scripts/run/service.cjs"]
