package dev.timers.api;

/**
 * Request examples of the OpenAPI document, one per way of saying when and what. OpenApiSpecIT sends each to
 * the running service, so they stay requests the service takes. A {@code fireAt} is years ahead so the example
 * stays in the future (and within {@code timers.api.max-delay}) for a while.
 */
final class ApiExamples {

    static final String CLASSIC = """
            {"hours": 0, "minutes": 1, "seconds": 30, "url": "https://example.com/hook"}""";

    static final String DELAY = """
            {"delay": "PT1H30M", "url": "https://example.com/hook"}""";

    static final String FIRE_AT = """
            {"fireAt": "2030-01-01T09:00:00Z", "url": "https://example.com/hook"}""";

    static final String FULL = """
            {
              "delay": "P1D",
              "url": "https://example.com/invoices/42/remind",
              "method": "PUT",
              "headers": {"Authorization": "Bearer abc", "X-Tenant": "acme"},
              "body": {"invoice": 42, "reminder": "first"},
              "metadata": {"invoice": "42"},
              "retry": {"maxAttempts": 3},
              "onOverdue": {"skipIfLaterThan": "PT10M"}
            }""";

    static final String STRING_BODY = """
            {
              "delay": "PT10M",
              "url": "https://example.com/forms/signup",
              "body": "a=1&b=2",
              "contentType": "application/x-www-form-urlencoded",
              "retry": {"schedule": ["PT10S", "PT1M", "PT10M"]},
              "onOverdue": "FIRE"
            }""";

    static final String PATCH_CLASSIC = """
            {"hours": 2, "minutes": 0, "seconds": 0}""";

    static final String PATCH_DELAY = """
            {"delay": "PT2H"}""";

    static final String PATCH_FIRE_AT = """
            {"fireAt": "2030-01-01T10:00:00+01:00"}""";

    static final String BATCH = """
            {
              "timers": [
                {"delay": "PT1M", "url": "https://example.com/a"},
                {"seconds": 90, "url": "https://example.com/b", "metadata": {"order": "7"}},
                {"fireAt": "2030-01-01T09:00:00Z", "url": "https://example.com/c", "method": "GET"}
              ]
            }""";

    private ApiExamples() {}
}
