package dev.gradserve.api;

import org.springframework.validation.Errors;
import org.springframework.validation.SmartValidator;

/**
 * The MVC validator of request bodies: Bean Validation as before, skipped when {@link QuickConstraints} can tell
 * that it would report nothing. Every answer to an invalid body comes from the full validator, unchanged.
 */
final class QuickValidator implements SmartValidator {

    private final SmartValidator full;
    private final QuickConstraints quick;

    QuickValidator(SmartValidator full, jakarta.validation.Validator metadata) {
        this.full = full;
        this.quick = new QuickConstraints(metadata);
    }

    @Override
    public boolean supports(Class<?> type) {
        return full.supports(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        if (!quick.hold(target)) {
            full.validate(target, errors);
        }
    }

    /** Validation hints (groups) other than none go to the full validator. */
    @Override
    public void validate(Object target, Errors errors, Object... hints) {
        if (hints.length > 0 || !quick.hold(target)) {
            full.validate(target, errors, hints);
        }
    }

    @Override
    public void validateValue(Class<?> type, String field, Object value, Errors errors, Object... hints) {
        full.validateValue(type, field, value, errors, hints);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return type.isInstance(this) ? type.cast(this) : full.unwrap(type);
    }
}
