package dev.gradserve.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * Which part of the server a request addresses, judged on its path as Spring MVC routes it (decoded,
 * path parameters removed): a raw URI such as {@code /v1;x/gradients} or {@code /%761/gradients}
 * reaches the same controller as {@code /v1/gradients} and must meet the same checks.
 */
final class ApiPaths {

    private static final UrlPathHelper ROUTING = new UrlPathHelper();

    static {
        ROUTING.setUrlDecode(true);
        ROUTING.setRemoveSemicolonContent(true);
    }

    private ApiPaths() {}

    static String of(HttpServletRequest request) {
        return ROUTING.getPathWithinApplication(request);
    }

    /** Calls of the API (/v1/...), which keys, the computation bound and no-store apply to. */
    static boolean isApi(HttpServletRequest request) {
        String path = of(request);
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    /** Calls on a session, whose bodies hold no network. */
    static boolean isSession(HttpServletRequest request) {
        return of(request).startsWith("/v1/sessions/");
    }
}
