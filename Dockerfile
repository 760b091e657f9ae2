# DX Desk server image: `docker build -t dxdesk . && docker run -p 3978:3978 --env-file .env dxdesk`
# Two stages: wheels are built with the compiler toolchain, the runtime stage has none of it.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY scheduler ./scheduler
COPY storage ./storage
RUN pip install --no-cache-dir --upgrade pip \
 && pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DXDESK_DATA_DIR=/data \
    DXDESK_LOG_FORMAT=json \
    OPENBLAS_NUM_THREADS=1 \
    OMP_NUM_THREADS=1 \
    PORT=3978
RUN useradd --create-home --uid 10001 dxdesk \
 && mkdir -p /data && chown dxdesk:dxdesk /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER dxdesk
WORKDIR /home/dxdesk
# The Teams manifest template, for `dxdesk teams-package` inside the container.
COPY --chown=dxdesk:dxdesk teams ./teams
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD python -c "import urllib.request,os;urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\",\"3978\")}/healthz',timeout=4)"
CMD ["dxdesk", "serve"]
