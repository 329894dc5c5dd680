# syntax=docker/dockerfile:1
# Multi-stage build: compile with cargo-leptos, run from a small Debian image as a non-root user.

FROM rust:1.95-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm brotli \
    && rm -rf /var/lib/apt/lists/*
# The nightly builds the first-visit bundle (scripts/first-visit.sh).
RUN rustup target add wasm32-unknown-unknown \
    && rustup toolchain install nightly-2026-10-15 --profile minimal --component rust-src \
       --target wasm32-unknown-unknown \
    && cargo install --locked cargo-leptos --version 0.3.10 --features no_downloads \
    && cargo install wasm-bindgen-cli --version 0.2.130 \
    && npm install -g binaryen@132.0.0 terser@5.51.4
WORKDIR /src
COPY . .
RUN cargo leptos build --release --precompress && scripts/first-visit.sh

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app portal \
    && mkdir -p /data \
    && chown portal /data
WORKDIR /app
COPY --from=build /src/target/release/server /app/server
COPY --from=build /src/target/release/hash.txt /app/hash.txt
COPY --from=build /src/target/site /app/site
COPY content /app/content
ENV PORTAL_BIND=0.0.0.0:8080 \
    PORTAL_SITE_DIR=/app/site \
    PORTAL_CONTENT_DIR=/app/content \
    PORTAL_DATA_DIR=/data \
    PORTAL_LOG_FORMAT=json
USER 10001
EXPOSE 8080
ENTRYPOINT ["/app/server"]
CMD ["serve"]
