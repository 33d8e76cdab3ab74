package dev.timers.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code timers.api.max-body-size} with 413: at once when the
 * {@code Content-Length} says so, and for a body without one (chunked) as soon as reading passes the limit,
 * so the parser never holds more than the limit. A batch is one request body: its timers, their target bodies
 * included, fit in the limit together, so that no batch makes the API hold (or the store take in one go) more
 * than that.
 */
@Component
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final String BATCH_PATH = "/timers/batch";

    private final long limit;

    RequestBodyLimitFilter(ApiProperties properties) {
        this.limit = properties.maxBodySize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            ProblemResponses.write(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    ProblemResponses.BODY_TOO_LARGE,
                    "Request body too large",
                    tooLarge(request));
            return;
        }
        chain.doFilter(new Limited(request, limit, tooLarge(request)), response);
    }

    private String tooLarge(HttpServletRequest request) {
        String detail = "The request body may be at most " + limit + " bytes.";
        if (BATCH_PATH.equals(request.getRequestURI())) {
            return detail + " A batch's timers, their bodies included, must fit in it together: send fewer"
                    + " timers per batch.";
        }
        return detail;
    }

    /** Thrown while reading a body that turns out larger than the limit; the problem handler answers 413. */
    static final class BodyTooLargeException extends IOException {

        BodyTooLargeException(String detail) {
            super(detail);
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private final String tooLarge;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit, String tooLarge) {
            super(request);
            this.limit = limit;
            this.tooLarge = tooLarge;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit, tooLarge);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final String tooLarge;
        private long read;

        Counting(ServletInputStream in, long limit, String tooLarge) {
            this.in = in;
            this.limit = limit;
            this.tooLarge = tooLarge;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(tooLarge);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
