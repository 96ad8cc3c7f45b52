package org.cogateway.admin;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation of the admin listener: method, path pattern ({@code {name}} segments), who may call
 * it, and what it does. {@link Access#PUBLIC} answers without authentication (health, login).
 */
record Route(String method, Pattern path, Access access, Action action) {
    enum Access {
        /** No login: /health/*, the login itself, and /metrics when admin.metrics.anonymous=true. */
        PUBLIC,
        /** Any logged-in operator (viewer or admin). */
        VIEWER,
        /** Operators with the admin role. */
        ADMIN
    }

    @FunctionalInterface
    interface Action {
        Reply run(Call call) throws Exception;
    }

    static Route of(String method, String template, Access access, Action action) {
        String regex = template.replaceAll("\\{([a-zA-Z]+)}", "(?<$1>[^/]+)");
        return new Route(method, Pattern.compile(regex), access, action);
    }

    /** The path's named segments when it matches, or null. */
    Map<String, String> match(String requestPath) {
        Matcher m = path.matcher(requestPath);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> names = new java.util.HashMap<>();
        Matcher groups = Pattern.compile("\\(\\?<([a-zA-Z]+)>").matcher(path.pattern());
        while (groups.find()) {
            names.put(groups.group(1), java.net.URLDecoder.decode(m.group(groups.group(1)),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return names;
    }
}
