# One image, several roles: web (gunicorn), worker and beat (Celery). See docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

WORKDIR /app

RUN groupadd --system app && useradd --system --gid app --home /app app

# Node and npm fetch NHS.UK frontend (package.json) for the pages; collectstatic copies it.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json* ./
RUN npm install --no-audit --no-fund

COPY pyproject.toml README.md ./
COPY config ./config
COPY accounts ./accounts
COPY api ./api
COPY involvement ./involvement
COPY peers ./peers
COPY recruitment ./recruitment
COPY reminders ./reminders
COPY charter ./charter
COPY privacy ./privacy
COPY web ./web
COPY manage.py ./
RUN pip install .

# collectstatic needs settings but no real secret or database.
RUN DJANGO_SECRET_KEY=collectstatic-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --no-input

USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
