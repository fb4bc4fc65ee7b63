package dev.gradserve.api;

import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Says whether every Bean Validation constraint on an object graph holds, from the validator's own metadata, without
 * the validator's bookkeeping (Hibernate Validator took about 7 µs and 14.5 KB to find nothing wrong with the worked
 * example, an eighth of the request's time): {@code true} means the validator would report nothing, {@code false}
 * that it may report something, and then the validator runs and its answer is the one given. Understood:
 * {@code @NotNull}, {@code @Positive} and {@code @PositiveOrZero} on the components of records and on the elements of
 * lists, and {@code @Valid} on a component or on list elements (by each value's runtime class). Anything else a
 * class declares (other constraints, groups, class-level constraints, getters, other containers) makes every check
 * of that class answer {@code false}, and so does any value it is unsure of (a NaN, an infinity, a zero of either
 * sign where a double must be positive, a big number class).
 */
final class QuickConstraints {

    /** Deeper than any request's records nest; a deeper graph is left to the validator. */
    private static final int MAX_DEPTH = 32;

    private final Validator validator;
    private final ClassValue<Plan> plans = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return planOf(type);
        }
    };

    QuickConstraints(Validator validator) {
        this.validator = validator;
    }

    /** True when the validator would find no violation in {@code bean} (with the default group). */
    boolean hold(Object bean) {
        return holds(bean, 0);
    }

    private boolean holds(Object bean, int depth) {
        return depth < MAX_DEPTH && plans.get(bean.getClass()).holds(bean, depth);
    }

    private Plan planOf(Class<?> type) {
        BeanDescriptor bean = validator.getConstraintsForClass(type);
        if (!bean.isBeanConstrained()) {
            return Plan.NOTHING;
        }
        if (!bean.getConstraintDescriptors().isEmpty() || !type.isRecord()) {
            return Plan.UNKNOWN;
        }
        List<Property> properties = new ArrayList<>();
        for (PropertyDescriptor property : bean.getConstrainedProperties()) {
            MethodHandle accessor = accessor(type, property.getPropertyName());
            List<Predicate<Object>> checks = checks(property.getConstraintDescriptors());
            Element element = null;
            Set<ContainerElementTypeDescriptor> containers = property.getConstrainedContainerElementTypes();
            if (!containers.isEmpty()) {
                ContainerElementTypeDescriptor container = containers.iterator().next();
                List<Predicate<Object>> elementChecks = checks(container.getConstraintDescriptors());
                if (containers.size() > 1 || !List.class.isAssignableFrom(container.getContainerClass())
                        || container.getTypeArgumentIndex() == null || container.getTypeArgumentIndex() != 0
                        || !container.getConstrainedContainerElementTypes().isEmpty() || elementChecks == null) {
                    return Plan.UNKNOWN;
                }
                element = new Element(elementChecks, container.isCascaded());
            }
            if (accessor == null || checks == null) {
                return Plan.UNKNOWN;
            }
            properties.add(new Property(accessor, checks, property.isCascaded(), element));
        }
        return new Plan(this, properties);
    }

    /**
     * The accessor of the record component {@code name}, or null when there is none or when a JavaBeans getter of that
     * name (which the validator may read instead) exists too.
     */
    private static MethodHandle accessor(Class<?> type, String name) {
        if (hasGetter(type, Character.toUpperCase(name.charAt(0)) + name.substring(1))) {
            return null;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Method accessor = component.getAccessor();
            if (component.getName().equals(name) && accessor.trySetAccessible()) {
                try {
                    return MethodHandles.lookup().unreflect(accessor).asType(MethodType.methodType(Object.class,
                            Object.class));
                } catch (IllegalAccessException notAccessible) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Whether {@code type} or one of its interfaces declares {@code getName()} or {@code isName()}, of any access. */
    private static boolean hasGetter(Class<?> type, String capitalized) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getParameterCount() == 0
                    && (method.getName().equals("get" + capitalized) || method.getName().equals("is" + capitalized))) {
                return true;
            }
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (hasGetter(implemented, capitalized)) {
                return true;
            }
        }
        return false;
    }

    /** The checks for these constraints, or null when one of them is not understood. */
    private static List<Predicate<Object>> checks(Set<ConstraintDescriptor<?>> constraints) {
        List<Predicate<Object>> checks = new ArrayList<>();
        for (ConstraintDescriptor<?> constraint : constraints) {
            if (!constraint.getGroups().equals(Set.of(Default.class)) || !constraint.getComposingConstraints().isEmpty()) {
                return null;
            }
            Class<?> annotation = constraint.getAnnotation().annotationType();
            if (annotation == NotNull.class) {
                checks.add(value -> value != null);
            } else if (annotation == Positive.class) {
                checks.add(value -> value == null || sign(value) > 0);
            } else if (annotation == PositiveOrZero.class) {
                checks.add(value -> value == null || sign(value) >= 0);
            } else {
                return null;
            }
        }
        return checks;
    }

    /** 1, 0 or −1 for an integer's sign; 1 for a finite positive double or float; −1 (unsure) for anything else. */
    private static int sign(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Long.signum(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {  // NaN, infinities and zeros: the validator says
            double number = ((Number) value).doubleValue();
            return number > 0 && number < Double.POSITIVE_INFINITY ? 1 : -1;
        }
        return -1;
    }

    private record Element(List<Predicate<Object>> checks, boolean cascaded) {}

    private record Property(MethodHandle accessor, List<Predicate<Object>> checks, boolean cascaded, Element element) {}

    /** How to check one class: its constrained properties, or null when the class has something not understood. */
    private static final class Plan {

        static final Plan NOTHING = new Plan(null, List.of());
        static final Plan UNKNOWN = new Plan(null, null);

        private final QuickConstraints owner;
        private final List<Property> properties;

        Plan(QuickConstraints owner, List<Property> properties) {
            this.owner = owner;
            this.properties = properties;
        }

        boolean holds(Object bean, int depth) {
            if (properties == null) {
                return false;
            }
            for (Property property : properties) {
                Object value;
                try {
                    value = property.accessor().invokeExact(bean);
                } catch (Throwable failed) {
                    return false;
                }
                if (!all(property.checks(), value)) {
                    return false;
                }
                if (value == null) {
                    continue;
                }
                if (property.cascaded() && (value instanceof Iterable<?> || value instanceof Map<?, ?>
                        || value.getClass().isArray() || !owner.holds(value, depth + 1))) {
                    return false;
                }
                if (property.element() != null && !elementsHold(property.element(), value, depth)) {
                    return false;
                }
            }
            return true;
        }

        private boolean elementsHold(Element element, Object container, int depth) {
            if (!(container instanceof List<?> list)) {
                return false;
            }
            for (Object value : list) {
                if (!all(element.checks(), value)
                        || element.cascaded() && value != null && !owner.holds(value, depth + 1)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean all(List<Predicate<Object>> checks, Object value) {
            for (Predicate<Object> check : checks) {
                if (!check.test(value)) {
                    return false;
                }
            }
            return true;
        }
    }
}
