// The seed's defaults (pkg/eventprocessor/constants.go), under the seed's names, in one place.

/** Reconnect attempts before the client gives up (the client library's own default is 10). */
export const DEFAULT_MAX_RECONNECTS = 5;
/** Seconds between reconnect attempts (the library's default is 2): 5 x 5 s ≈ 25 s of patience. */
export const DEFAULT_RECONNECT_WAIT_SECONDS = 5;
/** Pull consumer: most messages one pull request may ask for. */
export const DEFAULT_MAX_REQUEST_BATCH = 100;
/** Pull consumer: most bytes one pull request may ask for (1 MiB). */
export const DEFAULT_MAX_REQUEST_MAX_BYTES = 1024 * 1024;
/** Inactive threshold = reconnect wait x this. On a durable consumer this is the seed's trap. */
export const DEFAULT_INACTIVE_THRESHOLD_MULTIPLIER = 2;

/** Where a locally started playground server listens for browsers (docker/nats.conf). */
export const DEFAULT_SERVER_URL = "ws://localhost:9222";
/** The TCP client port, which browsers cannot use; named so error messages can recognise it. */
export const NATS_TCP_PORT = 4222;
/** The websocket port of docker/nats.conf. */
export const NATS_WS_PORT = 9222;

/** How often the connection panel measures the round-trip time. */
export const RTT_INTERVAL_MS = 2_000;
/** How long the first connection attempt may take before we call it a failure. */
export const CONNECT_TIMEOUT_MS = 5_000;
