package dev.gradserve.expression;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The operations of an expression, each with its value y = f(x) and right under it its local
 * derivatives ∂y/∂x_i: all that backpropagation needs to know of an operation. Derivatives at
 * kinks are PyTorch's: relu′(0) = 0, abs′(0) = 0, and max or min of equal operands passes half
 * the gradient to each (as torch.maximum and torch.minimum).
 */
public enum Operation {

    /** y = −a */
    NEGATE("neg", 1, false) {
        double value(double[] x) {
            return -x[0];
        }

        /** ∂y/∂a = −1 */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {-1};
        }
    },

    /** y = a + b */
    ADD("+", 2, false) {
        double value(double[] x) {
            return x[0] + x[1];
        }

        /** ∂y/∂a = 1, ∂y/∂b = 1 */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {1, 1};
        }
    },

    /** y = a − b */
    SUBTRACT("-", 2, false) {
        double value(double[] x) {
            return x[0] - x[1];
        }

        /** ∂y/∂a = 1, ∂y/∂b = −1 */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {1, -1};
        }
    },

    /** y = a·b */
    MULTIPLY("*", 2, false) {
        double value(double[] x) {
            return x[0] * x[1];
        }

        /** ∂y/∂a = b, ∂y/∂b = a */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {x[1], x[0]};
        }
    },

    /** y = a / b */
    DIVIDE("/", 2, false) {
        double value(double[] x) {
            return x[0] / x[1];
        }

        /** ∂y/∂a = 1/b, ∂y/∂b = −a/b² */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {1 / x[1], -x[0] / (x[1] * x[1])};
        }
    },

    /** y = a^b */
    POWER("^", 2, false) {
        double value(double[] x) {
            return Math.pow(x[0], x[1]);
        }

        /**
         * ∂y/∂a = b·a^(b−1), ∂y/∂b = a^b·ln a; as PyTorch, ∂y/∂a = 0 where b = 0 and ∂y/∂b = 0 where a = 0 and b ≥ 0.
         * For a < 0, ln a and so ∂y/∂b are NaN: PyTorch's answer too, which matters only when b depends on a variable.
         */
        double[] localDerivatives(double[] x, double y) {
            double a = x[0];
            double b = x[1];
            return new double[] {b == 0 ? 0 : b * Math.pow(a, b - 1), a == 0 && b >= 0 ? 0 : y * Math.log(a)};
        }
    },

    /** y = eᵃ */
    EXP("exp", 1, true) {
        double value(double[] x) {
            return Math.exp(x[0]);
        }

        /** ∂y/∂a = eᵃ = y */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {y};
        }
    },

    /** y = ln a */
    LOG("log", 1, true) {
        double value(double[] x) {
            return Math.log(x[0]);
        }

        /** ∂y/∂a = 1/a */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {1 / x[0]};
        }
    },

    /** y = √a */
    SQRT("sqrt", 1, true) {
        double value(double[] x) {
            return Math.sqrt(x[0]);
        }

        /** ∂y/∂a = 1/(2√a), +∞ at a = 0 */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {1 / (2 * y)};
        }
    },

    /** y = sin a */
    SIN("sin", 1, true) {
        double value(double[] x) {
            return Math.sin(x[0]);
        }

        /** ∂y/∂a = cos a */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {Math.cos(x[0])};
        }
    },

    /** y = cos a */
    COS("cos", 1, true) {
        double value(double[] x) {
            return Math.cos(x[0]);
        }

        /** ∂y/∂a = −sin a */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {-Math.sin(x[0])};
        }
    },

    /** y = tanh a */
    TANH("tanh", 1, true) {
        double value(double[] x) {
            return Math.tanh(x[0]);
        }

        /** ∂y/∂a = 1 − y² */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {1 - y * y};
        }
    },

    /** y = σ(a) = 1 / (1 + e⁻ᵃ), computed as eᵃ / (1 + eᵃ) for a < 0 so that e⁻ᵃ never overflows */
    SIGMOID("sigmoid", 1, true) {
        double value(double[] x) {
            double a = x[0];
            if (a >= 0) {
                return 1 / (1 + Math.exp(-a));
            }
            double e = Math.exp(a);
            return e / (1 + e);
        }

        /** ∂y/∂a = y(1 − y) */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {y * (1 - y)};
        }
    },

    /** y = max(0, a) */
    RELU("relu", 1, true) {
        double value(double[] x) {
            return Math.max(0, x[0]);
        }

        /** ∂y/∂a = 1 for a > 0, else 0 (0 at the kink, as PyTorch) */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {x[0] > 0 ? 1 : 0};
        }
    },

    /** y = |a| */
    ABS("abs", 1, true) {
        double value(double[] x) {
            return Math.abs(x[0]);
        }

        /** ∂y/∂a = sign a (0 at the kink, as PyTorch) */
        double[] localDerivatives(double[] x, double y) {
            return new double[] {Math.signum(x[0])};
        }
    },

    /** y = max(a, b) */
    MAX("max", 2, true) {
        double value(double[] x) {
            return Math.max(x[0], x[1]);
        }

        /** ∂y/∂a = 1 and ∂y/∂b = 0 where a > b, the other way round where a < b, ½ each where a = b (torch.maximum) */
        double[] localDerivatives(double[] x, double y) {
            return x[0] > x[1] ? new double[] {1, 0} : x[0] < x[1] ? new double[] {0, 1} : new double[] {0.5, 0.5};
        }
    },

    /** y = min(a, b) */
    MIN("min", 2, true) {
        double value(double[] x) {
            return Math.min(x[0], x[1]);
        }

        /** ∂y/∂a = 1 and ∂y/∂b = 0 where a < b, the other way round where a > b, ½ each where a = b (torch.minimum) */
        double[] localDerivatives(double[] x, double y) {
            return x[0] < x[1] ? new double[] {1, 0} : x[0] > x[1] ? new double[] {0, 1} : new double[] {0.5, 0.5};
        }
    };

    private final String symbol;
    private final int arity;
    private final boolean function;

    Operation(String symbol, int arity, boolean function) {
        this.symbol = symbol;
        this.arity = arity;
        this.function = function;
    }

    /** Its value at the operands x (as many as its arity). */
    abstract double value(double[] x);

    /** ∂y/∂x_i for each operand x_i, given the operands and the value y = value(x). */
    abstract double[] localDerivatives(double[] x, double y);

    /** How the answer names it: {@code +}, {@code -}, {@code *}, {@code /}, {@code ^}, {@code neg}, or the function's name. */
    public String symbol() {
        return symbol;
    }

    public int arity() {
        return arity;
    }

    /** Whether it is written as a function, {@code exp(x)}, rather than as an operator. */
    public boolean isFunction() {
        return function;
    }

    /** The function of that name, or null. */
    static Operation function(String name) {
        for (Operation operation : values()) {
            if (operation.function && operation.symbol.equals(name)) {
                return operation;
            }
        }
        return null;
    }

    /** The functions' names, for messages: {@code exp, log, …}. */
    static String functionNames() {
        return Arrays.stream(values()).filter(Operation::isFunction).map(Operation::symbol).collect(Collectors.joining(", "));
    }

    /** The operation applied to these operand values, as a message shows it: {@code 1.0 / 0.0}, {@code log(-1.0)}. */
    String describe(double[] x) {
        if (function) {
            return symbol + "(" + Arrays.stream(x).mapToObj(Double::toString).collect(Collectors.joining(", ")) + ")";
        }
        return arity == 1 ? "-(" + x[0] + ")" : x[0] + " " + symbol + " " + x[1];
    }
}
