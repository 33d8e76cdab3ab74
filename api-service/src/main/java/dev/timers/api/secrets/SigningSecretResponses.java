package dev.timers.api.secrets;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What the signing-secret endpoints answer. */
final class SigningSecretResponses {

    private SigningSecretResponses() {}

    /** A new secret, with its value: the only answer that ever holds it. */
    @Schema(name = "NewSigningSecret")
    record Created(
            @Schema(description = "The secret's id, to delete it by.", format = "uuid")
            String id,

            @Schema(
                    description = "The Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes."
                            + " Shown only here; keep it where the receiver can read it.",
                    example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwYk6bD9h8Kvo=")
            String secret,

            Instant createdAt) {

        /** Never shows the value, wherever this ends up printed. */
        @Override
        public String toString() {
            return "Created[id=" + id + ", secret=(hidden), createdAt=" + createdAt + "]";
        }
    }

    /** A secret as it is listed: never its value. */
    @Schema(name = "SigningSecret")
    record Item(@Schema(format = "uuid") String id, Instant createdAt) {}

    /** The owner's active secrets, oldest first. */
    @Schema(name = "SigningSecretList")
    record Items(List<Item> items) {}
}
