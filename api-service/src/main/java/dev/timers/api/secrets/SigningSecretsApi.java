package dev.timers.api.secrets;

import dev.timers.api.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The OpenAPI description of the signing-secret endpoints, kept apart from {@link SigningSecretController} as
 * the timers' is: this says what a client is told, the controller what it does.
 */
@Tag(
        name = SigningSecretsApi.TAG,
        description = "The secrets your webhooks are signed with (Standard Webhooks `webhook-signature`).")
interface SigningSecretsApi {

    String TAG = "Signing secrets";
    String RESPONSES = "#/components/responses/";

    @Operation(
            summary = "Make a signing secret",
            description = """
                    Makes a random secret for the caller's webhooks, shown only in this answer. From then on \
                    (within 5 s) every webhook of the caller's timers carries one `v1,` signature per active \
                    secret. To rotate: make a new one, give it to the receiver, delete the old one. At most 10 \
                    at once. No body, or `{}`.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = false,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = CreateSigningSecretRequest.class))),
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "Made: its id and value.",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = SigningSecretResponses.Created.class))),
                @ApiResponse(responseCode = "400", ref = RESPONSES + "invalid-request"),
                @ApiResponse(responseCode = "409", ref = RESPONSES + "too-many-signing-secrets"),
                @ApiResponse(responseCode = "503", ref = RESPONSES + "signing-secrets-unavailable-or-store-unavailable")
            })
    ResponseEntity<SigningSecretResponses.Created> create(Caller caller, CreateSigningSecretRequest request);

    @Operation(
            summary = "List signing secrets",
            description = "The caller's active secrets, oldest first: ids and times, never the values.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "The secrets.",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = SigningSecretResponses.Items.class)))
            })
    SigningSecretResponses.Items list(Caller caller);

    @Operation(
            summary = "Delete a signing secret",
            description = """
                    The secret stops signing within 5 s. A secret of another owner is answered like an unknown \
                    one, `404`.""",
            responses = {
                @ApiResponse(responseCode = "204", description = "Deleted."),
                @ApiResponse(responseCode = "400", ref = RESPONSES + "invalid-request"),
                @ApiResponse(responseCode = "404", ref = RESPONSES + "signing-secret-not-found")
            })
    ResponseEntity<Void> delete(
            Caller caller,
            @Parameter(description = "The secret's id.", schema = @Schema(type = "string", format = "uuid")) String id);
}
