# One image for the api and the worker (APP_ROLE picks which).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN node scripts/build.js && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/portal/dist ./apps/portal/dist
COPY --from=build /app/package.json ./
COPY assets ./assets
COPY templates ./templates
USER node
EXPOSE 3000
CMD ["node", "dist/libs/runtime/src/main.js"]
