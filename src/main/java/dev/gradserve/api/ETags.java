package dev.gradserve.api;

import dev.gradserve.model.InvalidRequestException;

/** Session versions as ETags: version 3 is {@code "3"}. */
final class ETags {

    private ETags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-Match header names, or null for none or {@code *}. Accepts {@code "3"}, {@code W/"3"} and {@code 3}.
     *
     * @throws InvalidRequestException when it is not a version
     */
    static Long parseIfMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("", "If-Match must name a session version as its ETag, such as \"3\"; got "
                    + header);
        }
    }
}
