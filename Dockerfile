# One image for every Codex service; SERVICE picks which one runs (gateway, auth, crm, cms, billing, analytics).
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# The root postinstall generates the five Prisma clients from prisma/*/schema.prisma.
RUN npm ci && npm cache clean --force
ARG SERVICE=gateway
ENV SERVICE=${SERVICE} NODE_ENV=production
# The CMS keeps media bytes here (a volume in docker-compose.yml); a fresh volume takes this ownership.
RUN mkdir -p /var/lib/codex/media && chown node:node /var/lib/codex/media
USER node
CMD ["node", "--min-semi-space-size=16", "--import", "tsx", "docker/start-service.ts"]
