package dev.timers.api.secrets;

import dev.timers.api.auth.Caller;
import dev.timers.core.secrets.OwnerSecrets;
import dev.timers.core.secrets.OwnerSecrets.Created;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's webhook signing secrets: make one, list them, delete one. The caller is its API key's owner, and
 * sees only that owner's secrets; another owner's id is answered like an unknown one. A value is answered once,
 * by the create, and never logged.
 */
@RestController
@RequestMapping(path = "/signing-secrets", produces = MediaType.APPLICATION_JSON_VALUE)
class SigningSecretController implements SigningSecretsApi {

    private static final Logger log = LoggerFactory.getLogger(SigningSecretController.class);
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final OwnerSecrets secrets;

    SigningSecretController(OwnerSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    // No body, or JSON: consumes is not set, so that a bare POST (no Content-Type) is taken too.
    @PostMapping
    public ResponseEntity<SigningSecretResponses.Created> create(
            Caller caller, @RequestBody(required = false) CreateSigningSecretRequest request) {
        return switch (secrets.create(caller.owner())) {
            case Created.New created -> {
                log.info("Signing secret {} made for owner '{}'", created.id(), caller.owner());
                yield ResponseEntity.status(HttpStatus.CREATED)
                        .body(new SigningSecretResponses.Created(
                                created.id().toString(), created.secret().reveal(), created.createdAt()));
            }
            case Created.CapReached cap -> throw new SigningSecretProblems.TooManyException(cap.max());
        };
    }

    @Override
    @GetMapping
    public SigningSecretResponses.Items list(Caller caller) {
        return new SigningSecretResponses.Items(secrets.list(caller.owner()).stream()
                .map(secret -> new SigningSecretResponses.Item(secret.id().toString(), secret.createdAt()))
                .toList());
    }

    @Override
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        if (!secrets.delete(caller.owner(), parse(id))) {
            throw new SigningSecretProblems.NotFoundException(id);
        }
        log.info("Signing secret {} of owner '{}' deleted", id, caller.owner());
        return ResponseEntity.noContent().build();
    }

    private static UUID parse(String id) {
        if (!CANONICAL_UUID.matcher(id).matches()) {
            String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
            throw new SigningSecretProblems.MalformedIdException(
                    "id: '" + shown + "' is not a signing secret's id (a UUID)");
        }
        return UUID.fromString(id);
    }
}
