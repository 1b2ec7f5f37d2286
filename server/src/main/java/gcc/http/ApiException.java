package gcc.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request failure with the HTTP status it is answered with. Carries no stack trace. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient HttpResponseStatus status;

    ApiException(HttpResponseStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
