package org.automb.jobs.store;

import java.time.Instant;

/**
 * One action a user took through the API or the page.
 *
 * @param actor  who: the login name, or {@code api-key} for a request made with the API key
 * @param action what: {@code retry}, {@code skip-conversion}, {@code reprocess}, {@code tag}, {@code cancel},
 *               {@code delete}, {@code approve}, {@code reject}, {@code login}...
 * @param key    the job acted on, null for actions on no job
 * @param result how it ended: {@code accepted}, or the refusal's reason ({@code conflict: ...})
 * @param detail free text (the ASIN asked for, the reason of a rejection), may be null
 */
public record AuditEntry(long id, Instant at, String actor, String action, String key, String result, String detail) {
}
