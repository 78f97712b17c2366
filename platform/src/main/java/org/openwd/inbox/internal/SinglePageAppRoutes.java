package org.openwd.inbox.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The web UI is a single-page app: its client-side routes are served by {@code index.html} (from the openwd-ui jar),
 * so a reload or a bookmark of {@code /inbox} or {@code /supervisor/tasks} works. Everything else (API, assets,
 * login) is untouched.
 */
@Controller
class SinglePageAppRoutes {

	@GetMapping({ "/inbox", "/inbox/**", "/supervisor", "/supervisor/**", "/owner", "/owner/**" })
	String app() {
		return "forward:/index.html";
	}

}
