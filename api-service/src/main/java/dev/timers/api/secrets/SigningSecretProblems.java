package dev.timers.api.secrets;

import dev.timers.api.FieldError;
import dev.timers.api.Problems;
import dev.timers.core.secrets.NoEncryptionKeyException;
import dev.timers.core.secrets.SecretCipher;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of the signing-secret endpoints. Everything else they may answer (a body that is not JSON, the
 * store unreachable) is answered by the service's own handler, the same as for timers.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = SigningSecretController.class)
public class SigningSecretProblems {

    public static final URI NOT_FOUND = URI.create("urn:timers:problem:signing-secret-not-found");
    public static final URI TOO_MANY = URI.create("urn:timers:problem:too-many-signing-secrets");
    public static final URI NO_ENCRYPTION_KEY = URI.create("urn:timers:problem:signing-secrets-unavailable");

    /** The detail of a 503 without a key: it names the setting, never a value. */
    public static final String NO_KEY_DETAIL = "Signing secrets cannot be made on this deployment: "
            + SecretCipher.SETTING + " is not set. Existing secrets can still be listed and deleted.";

    /** No secret with this id belongs to the caller's owner (whether or not another owner has one). */
    static class NotFoundException extends RuntimeException {
        NotFoundException(String id) {
            super("No signing secret with id " + id);
        }
    }

    /** The owner already has as many secrets as it may have. */
    static class TooManyException extends RuntimeException {
        private final int max;

        TooManyException(int max) {
            super("You already have " + max + " signing secrets, the most one owner may have; delete one (DELETE"
                    + " /signing-secrets/{id}) before making another.");
            this.max = max;
        }
    }

    /** A path id that is not a secret's id (a UUID). */
    static class MalformedIdException extends RuntimeException {
        MalformedIdException(String message) {
            super(message);
        }
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return answer(Problems.problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Signing secret not found", e.getMessage()));
    }

    /** 409: the request is fine, but conflicts with what the owner has now; deleting a secret resolves it. */
    @ExceptionHandler(TooManyException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyException e) {
        var problem = Problems.problem(HttpStatus.CONFLICT, TOO_MANY, "Too many signing secrets", e.getMessage());
        problem.setProperty("max_signing_secrets", e.max);
        return answer(problem);
    }

    @ExceptionHandler(MalformedIdException.class)
    ResponseEntity<ProblemDetail> malformedId(MalformedIdException e) {
        return answer(Problems.invalid(e.getMessage(), List.of(new FieldError("id", e.getMessage()))));
    }

    /** Not the client's fault and not passing: 503, naming the setting the operator has to set. */
    @ExceptionHandler(NoEncryptionKeyException.class)
    ResponseEntity<ProblemDetail> noKey(NoEncryptionKeyException e) {
        return answer(Problems.problem(
                HttpStatus.SERVICE_UNAVAILABLE, NO_ENCRYPTION_KEY, "Signing secrets unavailable", NO_KEY_DETAIL));
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
