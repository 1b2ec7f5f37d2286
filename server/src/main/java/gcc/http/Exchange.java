package gcc.http;

/**
 * One request's place on its connection: its sequence number (the order its answer must leave
 * in, HTTP/1.1 answers pipelined requests in request order) and whether the connection stays
 * open after the answer. Immutable.
 */
record Exchange(long seq, boolean keepAlive) {
    /** The same exchange, closing the connection after its answer. */
    Exchange closing() {
        return new Exchange(seq, false);
    }
}
