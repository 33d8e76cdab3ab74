package dev.timers.api.secrets;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A request for a new secret: no body, or the empty object. A secret is always made here, never given, so that
 * every secret is random and no client chooses a weak one; any field is refused as unknown.
 */
@Schema(name = "NewSigningSecretRequest", description = "Empty: the service makes the secret.")
record CreateSigningSecretRequest() {}
