package io.elastickv.redis.server;

/** What the decoder passes on instead of a command when the client broke the protocol. */
record ProtocolError(String message) {
}
