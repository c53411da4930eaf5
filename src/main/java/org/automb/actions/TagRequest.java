package org.automb.actions;

import java.util.Locale;
import java.util.Optional;
import org.automb.config.TaggingSettings;
import org.automb.metadata.AsinHints;

/**
 * The body of a tag action, both parts optional: an ASIN forces the match (like {@code --tag --asin}), a region
 * picks the Audible marketplace (like {@code --region}).
 *
 * @param asin   Audible's B + nine letters or digits, or an ISBN-10; any case; null or blank for none
 * @param region one of {@link TaggingSettings#REGIONS}; any case; null or blank for AUDIBLE_REGION
 */
public record TagRequest(String asin, String region) {

    /** No ASIN, no region: matched as the pipeline would. */
    public static TagRequest none() {
        return new TagRequest(null, null);
    }

    /** The ASIN, upper-case; empty when none was given. */
    public Optional<String> asinGiven() {
        return blankToEmpty(asin).map(a -> a.toUpperCase(Locale.ROOT));
    }

    /** The region code, lower-case; empty when none was given. */
    public Optional<String> regionGiven() {
        return blankToEmpty(region).map(r -> r.toLowerCase(Locale.ROOT));
    }

    /**
     * Checks both parts.
     *
     * @return this request, normalised (ASIN upper-case, region lower-case, blanks as null)
     * @throws ActionRefused BAD_REQUEST naming the value at fault
     */
    public TagRequest validated() {
        Optional<String> asinValue = asinGiven();
        if (asinValue.isPresent() && !AsinHints.isAsin(asinValue.get())) {
            throw ActionRefused.badRequest("asin '" + shown(asin) + "' is not an ASIN (B followed by nine letters or"
                + " digits, or an ISBN-10)");
        }
        Optional<String> regionValue = regionGiven();
        if (regionValue.isPresent() && !TaggingSettings.REGIONS.contains(regionValue.get())) {
            throw ActionRefused.badRequest("region '" + shown(region) + "' must be one of "
                + String.join(", ", TaggingSettings.REGIONS));
        }
        return new TagRequest(asinValue.orElse(null), regionValue.orElse(null));
    }

    /** What the audit row notes of the request; null when it asks for nothing in particular. */
    String auditDetail() {
        String asinPart = asinGiven().map(a -> "asin=" + a).orElse("");
        String regionPart = regionGiven().map(r -> "region=" + r).orElse("");
        String both = (asinPart + " " + regionPart).strip();
        return both.isEmpty() ? null : both;
    }

    /** A user's value as a message quotes it: stripped, and cut short should it be long. */
    private static String shown(String value) {
        String stripped = value.strip();
        return stripped.length() > 40 ? stripped.substring(0, 40) + "..." : stripped;
    }

    private static Optional<String> blankToEmpty(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
