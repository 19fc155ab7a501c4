# One image for every Codex service; SERVICE picks which one runs (gateway, auth, crm, cms, billing, analytics).
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# The root postinstall generates the five Prisma clients from prisma/*/schema.prisma.
RUN npm ci && npm cache clean --force
ARG SERVICE=gateway
ENV SERVICE=${SERVICE} NODE_ENV=production
USER node
CMD ["node", "--import", "tsx", "docker/start-service.ts"]
